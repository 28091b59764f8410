package dev.cordon.gateway.sync;

import dev.cordon.gateway.enforce.Freshness;
import java.time.Duration;

/**
 * How long the last table may decide new flows without the controller. Connected: always.
 * Disconnected: for {@code bound} after the loss, after which new flows are refused (fail closed: a
 * gateway that cannot learn of revocations must not keep admitting new flows forever). The table
 * itself is never changed while disconnected, so access is never widened.
 */
public final class FailStatic implements Freshness {
  private final long boundMillis;
  private volatile boolean connected;
  private volatile long lostAtMillis;

  /** Starts disconnected as of {@code nowMillis} (a restarted gateway enforcing a saved table). */
  public FailStatic(Duration bound, long nowMillis) {
    this.boundMillis = bound.toMillis();
    this.lostAtMillis = nowMillis;
  }

  public void connected() {
    connected = true;
  }

  /** Marks the controller lost; the first loss after a connection starts the clock. */
  public void disconnected(long nowMillis) {
    if (connected) lostAtMillis = nowMillis;
    connected = false;
  }

  public boolean isConnected() {
    return connected;
  }

  @Override
  public boolean trusted(long nowMillis) {
    return connected || nowMillis - lostAtMillis <= boundMillis;
  }

  /** Milliseconds of fail-static left (0 once expired; the bound while connected). */
  public long remainingMillis(long nowMillis) {
    return connected ? boundMillis : Math.max(0, boundMillis - (nowMillis - lostAtMillis));
  }
}
