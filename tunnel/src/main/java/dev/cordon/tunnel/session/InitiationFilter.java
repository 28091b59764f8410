package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.HANDSHAKE_INITIATION_RATE;

import dev.cordon.tunnel.tai64n.Tai64n;

/**
 * One peer's guard against replayed and flooding initiations: an initiation must carry a TAI64N
 * timestamp strictly newer than the last one accepted, and come at least 1/50 s after it. Both are
 * recorded only when the initiation is admitted (it has authenticated by then). Guarded by the
 * peer's lock.
 */
public final class InitiationFilter {
  private static final long RATE_NANOS = HANDSHAKE_INITIATION_RATE.toNanos();

  private Tai64n lastTimestamp;
  private long lastAdmittedNanos;

  /** True (and recorded) when an initiation stamped timestamp may proceed at now. */
  public boolean admit(byte[] timestamp, long now) {
    Tai64n stamp = Tai64n.read(timestamp, 0);
    if (lastTimestamp != null) {
      if (!stamp.after(lastTimestamp) || now - lastAdmittedNanos <= RATE_NANOS) {
        return false;
      }
    }
    lastTimestamp = stamp;
    lastAdmittedNanos = now;
    return true;
  }
}
