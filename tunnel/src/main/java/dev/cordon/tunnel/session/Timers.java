package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.KEEPALIVE_TIMEOUT;
import static dev.cordon.tunnel.protocol.Constants.REKEY_ATTEMPT_TIME;
import static dev.cordon.tunnel.protocol.Constants.REKEY_TIMEOUT;
import static dev.cordon.tunnel.protocol.Constants.ZERO_KEYS_AFTER;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One peer's timers as deadlines, set and cleared by event hooks named after what just happened;
 * {@link #expire} hands back the ones that ran out and the engine acts on them. Pure: no threads,
 * the time comes in. Guarded by the peer's lock.
 */
public final class Timers {
  /** Retries before giving up on a handshake: REKEY_ATTEMPT_TIME / REKEY_TIMEOUT = 18. */
  public static final int MAX_TIMER_HANDSHAKES =
      (int) (REKEY_ATTEMPT_TIME.toNanos() / REKEY_TIMEOUT.toNanos());

  private static final long NONE = Long.MAX_VALUE;

  private final long[] deadlines = new long[Timer.values().length];
  private final LongSupplier jitterNanos;
  private long persistentKeepaliveNanos;
  int handshakeAttempts;
  boolean needAnotherKeepalive;
  boolean sentLastMinuteHandshake;

  /**
   * @param jitterNanos draws the random extra wait (0 to 333 ms) added to handshake timeouts
   */
  public Timers(LongSupplier jitterNanos) {
    this.jitterNanos = jitterNanos;
    java.util.Arrays.fill(deadlines, NONE);
  }

  /** Seconds between persistent keepalives; 0 turns them off. */
  public void setPersistentKeepalive(int seconds, long now) {
    persistentKeepaliveNanos = seconds * 1_000_000_000L;
    if (seconds == 0) {
      stop(Timer.PERSISTENT_KEEPALIVE);
    }
  }

  /** Call after sending a data packet (not a keepalive or handshake). */
  public void dataSent(long now) {
    startIfIdle(Timer.NEW_HANDSHAKE, now + KEEPALIVE_TIMEOUT.toNanos() + rekeyTimeout());
  }

  /** Call after receiving a data packet (not a keepalive). */
  public void dataReceived(long now) {
    if (!isPending(Timer.SEND_KEEPALIVE)) {
      start(Timer.SEND_KEEPALIVE, now + KEEPALIVE_TIMEOUT.toNanos());
    } else {
      needAnotherKeepalive = true;
    }
  }

  /** Call after sending any authenticated packet: transport, keepalive or handshake. */
  public void anyAuthenticatedPacketSent(long now) {
    stop(Timer.SEND_KEEPALIVE);
  }

  /** Call after receiving any authenticated packet: transport, keepalive or handshake. */
  public void anyAuthenticatedPacketReceived(long now) {
    stop(Timer.NEW_HANDSHAKE);
  }

  /** Call after any authenticated packet crossed the wire, either way. */
  public void anyAuthenticatedPacketTraversal(long now) {
    if (persistentKeepaliveNanos > 0) {
      start(Timer.PERSISTENT_KEEPALIVE, now + persistentKeepaliveNanos);
    }
  }

  /** Call after sending a handshake initiation (first or retry). */
  public void handshakeInitiated(long now) {
    start(Timer.RETRANSMIT_HANDSHAKE, now + rekeyTimeout());
  }

  /** Call after a handshake completed: response consumed, or our response confirmed. */
  public void handshakeComplete(long now) {
    stop(Timer.RETRANSMIT_HANDSHAKE);
    handshakeAttempts = 0;
    sentLastMinuteHandshake = false;
  }

  /** Call after deriving a new keypair (either role). */
  public void sessionDerived(long now) {
    start(Timer.ZERO_KEY_MATERIAL, now + ZERO_KEYS_AFTER.toNanos());
  }

  /** Call after giving up on a handshake: keys go 3 x REJECT_AFTER_TIME from now, if not sooner. */
  public void handshakeGaveUp(long now) {
    stop(Timer.SEND_KEEPALIVE);
    startIfIdle(Timer.ZERO_KEY_MATERIAL, now + ZERO_KEYS_AFTER.toNanos());
  }

  /** Stops every timer (peer removed). */
  public void stopAll() {
    java.util.Arrays.fill(deadlines, NONE);
  }

  /** Disarms and returns every timer whose deadline is at or before now. */
  public Set<Timer> expire(long now) {
    Set<Timer> fired = EnumSet.noneOf(Timer.class);
    for (Timer t : Timer.values()) {
      if (deadlines[t.ordinal()] != NONE && deadlines[t.ordinal()] - now <= 0) {
        deadlines[t.ordinal()] = NONE;
        fired.add(t);
      }
    }
    return fired;
  }

  /** The earliest armed deadline, or Long.MAX_VALUE when none is armed. */
  public long nextDeadline() {
    long next = NONE;
    for (long d : deadlines) {
      next = Math.min(next, d);
    }
    return next;
  }

  public boolean isPending(Timer t) {
    return deadlines[t.ordinal()] != NONE;
  }

  /** The deadline of t, or Long.MAX_VALUE when it is not armed. */
  public long deadline(Timer t) {
    return deadlines[t.ordinal()];
  }

  void start(Timer t, long deadline) {
    deadlines[t.ordinal()] = deadline;
  }

  private void startIfIdle(Timer t, long deadline) {
    if (!isPending(t)) {
      start(t, deadline);
    }
  }

  private void stop(Timer t) {
    deadlines[t.ordinal()] = NONE;
  }

  private long rekeyTimeout() {
    return REKEY_TIMEOUT.toNanos() + jitterNanos.getAsLong();
  }
}
