package dev.cordon.tunnel.udp;

/** Kernel and protocol limits the transport sizes its buffers and GSO writes by. */
final class UdpLimits {
  /** The largest UDP payload an IP packet can carry (65535 minus IPv4 and UDP headers). */
  static final int MAX_DATAGRAM = 65507;

  /**
   * With GRO the kernel may hand over up to 64 KiB of coalesced segments in one message, and
   * truncates (loses) whatever does not fit, so each read slot must hold that much.
   */
  static final int GRO_SLOT = 65535;

  /** UDP_MAX_SEGMENTS in Linux before 6.9 (later kernels allow 128): segments per GSO write. */
  static final int GSO_MAX_SEGMENTS = 64;

  /** Bytes one GSO write may carry: the IP total-length limit less headers, rounded down. */
  static final int GSO_MAX_BYTES = 65000;

  /** Outbound bytes queued in Netty (socket buffer full) beyond which new batches are dropped. */
  static final int WRITE_HIGH_WATER = 1 << 20;

  static final int WRITE_LOW_WATER = 1 << 19;

  private UdpLimits() {}
}
