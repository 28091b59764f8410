package dev.cordon.tunnel.udp;

import java.net.InetSocketAddress;

/**
 * Finds runs of datagrams in a batch that one GSO write can carry: consecutive, to the same peer,
 * all of one size except that the last may be shorter (the kernel cuts the buffer at the segment
 * size and sends the remainder as a final, shorter datagram).
 */
final class GsoRuns {
  private GsoRuns() {}

  /**
   * The end (exclusive) of the run starting at {@code start}; {@code start + 1} when the datagram
   * there cannot share a write.
   */
  static int runEnd(DatagramBatch batch, int start, int maxSegments, int maxBytes) {
    InetSocketAddress peer = batch.address(start);
    int segment = batch.payload(start).readableBytes();
    if (segment == 0) {
      return start + 1;
    }
    int limit = Math.min(batch.count(), start + maxSegments);
    int bytes = segment;
    int end = start + 1;
    while (end < limit) {
      int size = batch.payload(end).readableBytes();
      if (size == 0 || size > segment || bytes + size > maxBytes) {
        break;
      }
      if (!peer.equals(batch.address(end))) {
        break;
      }
      bytes += size;
      end++;
      if (size < segment) {
        break;
      }
    }
    return end;
  }
}
