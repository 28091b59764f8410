package dev.cordon.tunnel.udp;

import java.util.concurrent.atomic.LongAdder;

/** The transport's live counters; written on the event loop and by senders, read anywhere. */
final class UdpCounters {
  final LongAdder datagramsReceived = new LongAdder();
  final LongAdder batchesReceived = new LongAdder();
  final LongAdder datagramsSent = new LongAdder();
  final LongAdder gsoWrites = new LongAdder();
  final LongAdder datagramsDropped = new LongAdder();
  final LongAdder gsoFailures = new LongAdder();
  final LongAdder sinkErrors = new LongAdder();
  final LongAdder socketErrors = new LongAdder();
  final LongAdder directSends = new LongAdder();

  UdpStats snapshot() {
    return new UdpStats(
        datagramsReceived.sum(),
        batchesReceived.sum(),
        datagramsSent.sum(),
        gsoWrites.sum(),
        datagramsDropped.sum(),
        gsoFailures.sum(),
        sinkErrors.sum(),
        socketErrors.sum(),
        directSends.sum());
  }
}
