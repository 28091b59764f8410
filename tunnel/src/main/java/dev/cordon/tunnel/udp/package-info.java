/**
 * The UDP edge of the data plane: one socket per device, served by Netty's epoll transport
 * (recvmmsg/sendmmsg, UDP GRO and GSO where the kernel has them) or by NIO elsewhere.
 *
 * <p>Datagrams cross threads only in batches ({@link dev.cordon.tunnel.udp.DatagramBatch}): the
 * receive side hands every datagram of one read pass to a {@link
 * dev.cordon.tunnel.udp.DatagramSink} at once, and the send side takes a whole batch and writes it
 * in one event-loop task with one flush. Ownership of the payload buffers always travels with the
 * batch; whoever holds a batch last releases it.
 */
package dev.cordon.tunnel.udp;
