package dev.cordon.tunnel.udp;

import java.net.InetSocketAddress;

/**
 * What a bound {@link UdpTransport} actually got from the kernel and Netty.
 *
 * @param kind the Netty transport in use
 * @param localAddress the bound address and port (the real port when 0 was asked for)
 * @param receiveBufferBytes SO_RCVBUF as the kernel reports it (Linux doubles the request, then
 *     caps it at twice net.core.rmem_max)
 * @param sendBufferBytes SO_SNDBUF as the kernel reports it
 * @param udpGro whether UDP GRO is on for receives
 * @param udpGso whether GSO writes are used for runs of equal-size datagrams (at bind time; a
 *     failing GSO write turns it off, see {@link UdpStats#gsoFailures()})
 * @param reusePort whether SO_REUSEPORT is set
 * @param readSlotBytes the bytes reserved per datagram in a read buffer
 * @param readSlots datagrams per recvmmsg call; 1 under NIO (one datagram per read) and with GRO
 *     (one recvmsg of up to 64 KiB of coalesced datagrams, which Netty splits)
 */
public record UdpSocketInfo(
    UdpTransport.Kind kind,
    InetSocketAddress localAddress,
    int receiveBufferBytes,
    int sendBufferBytes,
    boolean udpGro,
    boolean udpGso,
    boolean reusePort,
    int readSlotBytes,
    int readSlots) {}
