package dev.cordon.tunnel.udp;

/**
 * A snapshot of a transport's counters since it was bound.
 *
 * @param datagramsReceived datagrams delivered to the sink
 * @param batchesReceived batches delivered to the sink
 * @param datagramsSent datagrams handed to the socket (a write may still fail later, see {@link
 *     #socketErrors()})
 * @param gsoWrites GSO writes, each carrying several datagrams
 * @param datagramsDropped datagrams given to send that were dropped unsent: transport closed or the
 *     socket's send path backed up beyond the write high-water mark, or they were in a GSO write
 *     the kernel refused
 * @param gsoFailures failed GSO writes; the first one turns GSO off for the transport
 * @param sinkErrors exceptions thrown by the sink
 * @param socketErrors reads or writes of a single datagram the kernel refused
 * @param directSends datagrams among {@code datagramsSent} that the sending thread wrote itself,
 *     without a hand-off to the event loop (lone datagrams while nothing else waits to go out)
 */
public record UdpStats(
    long datagramsReceived,
    long batchesReceived,
    long datagramsSent,
    long gsoWrites,
    long datagramsDropped,
    long gsoFailures,
    long sinkErrors,
    long socketErrors,
    long directSends) {}
