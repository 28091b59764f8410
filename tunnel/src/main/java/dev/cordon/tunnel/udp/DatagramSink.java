package dev.cordon.tunnel.udp;

/** Receives the datagrams of one read pass of a {@link UdpTransport}. */
@FunctionalInterface
public interface DatagramSink {
  /**
   * Call after a read pass on the transport's event loop, with every datagram it read (or a part of
   * them, when a pass exceeds {@link UdpOptions#maxBatch()}).
   *
   * <p>Ownership of {@code batch} and its payloads passes to the sink at this call: the sink must
   * call {@link DatagramBatch#release()} exactly once, on any thread, when it is done. The sink
   * runs on the I/O thread, so it should hand the batch to a worker rather than process it inline.
   * An exception thrown here is counted and logged; the transport does not touch the batch again.
   */
  void onBatch(DatagramBatch batch);
}
