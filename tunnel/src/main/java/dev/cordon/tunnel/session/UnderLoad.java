package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.UNDER_LOAD_AFTER_TIME;

/**
 * Whether handshake messages must prove their source (mac2) before any DH is spent on them. The
 * device reports how many handshake messages wait to be processed; at or above the threshold, and
 * for 1 s after the last such report, the responder is under load.
 */
public final class UnderLoad {
  private final int threshold;
  private volatile long until;
  private volatile boolean ever;

  /**
   * @param threshold pending handshake messages that turn the mode on (wireguard-go: 128)
   */
  public UnderLoad(int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be positive: " + threshold);
    }
    this.threshold = threshold;
  }

  /** Call before processing received datagrams, with the handshake messages now waiting. */
  public void observe(int pendingHandshakes, long now) {
    if (pendingHandshakes >= threshold) {
      until = now + UNDER_LOAD_AFTER_TIME.toNanos();
      ever = true;
    }
  }

  public boolean isUnderLoad(long now) {
    return ever && until - now > 0;
  }
}
