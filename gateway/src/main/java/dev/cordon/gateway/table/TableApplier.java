package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.proto.v1.GatewayTableUpdate;
import java.util.function.LongSupplier;

/**
 * Applies one table update end to end, in the order that makes revocation take effect before it is
 * acknowledged: (1) the held table, (2) the device's peer set, so revoked keys lose their sessions
 * and get no answer, (3) the enforcer's policy, cutting live flows of revoked and quarantined
 * peers, (4) the latency record, (5) the acknowledgement. Not thread safe: call from the sync
 * thread only.
 */
public final class TableApplier {
  /** Receives the acknowledgement of an enforced version; called last. */
  @FunctionalInterface
  public interface Acknowledger {
    void acknowledge(long version, long receivedAtMillis, long appliedAtMillis);
  }

  /** Hears of each enforced update after its acknowledgement (logs, tests that await it). */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (applied, nanos) -> {};

    /** {@code arrivalToEnforcementNanos}: from receipt to flows cut, before the ack. */
    void enforced(Applied applied, long arrivalToEnforcementNanos);
  }

  private final GatewayTableState state;
  private final PeerTable device;
  private final Enforcer enforcer;
  private final LatencyHistogram latency;
  private final LongSupplier wallMillis;
  private final LongSupplier nanos;
  private final Listener listener;

  public TableApplier(
      GatewayTableState state,
      PeerTable device,
      Enforcer enforcer,
      LatencyHistogram latency,
      LongSupplier wallMillis,
      LongSupplier nanos) {
    this(state, device, enforcer, latency, wallMillis, nanos, Listener.NONE);
  }

  public TableApplier(
      GatewayTableState state,
      PeerTable device,
      Enforcer enforcer,
      LatencyHistogram latency,
      LongSupplier wallMillis,
      LongSupplier nanos,
      Listener listener) {
    this.listener = listener;
    this.state = state;
    this.device = device;
    this.enforcer = enforcer;
    this.latency = latency;
    this.wallMillis = wallMillis;
    this.nanos = nanos;
  }

  public GatewayTableState state() {
    return state;
  }

  public LatencyHistogram latency() {
    return latency;
  }

  /**
   * Enforces {@code update}, received at {@code receivedNanos} (by {@code nanos}) and {@code
   * receivedAtMillis} (wall clock), then acknowledges it.
   *
   * @throws ResyncNeeded when a delta does not start from the held version (nothing changed)
   * @throws TableException when the update cannot be read (nothing changed)
   */
  public Applied apply(
      GatewayTableUpdate update, long receivedNanos, long receivedAtMillis, Acknowledger ack)
      throws ResyncNeeded, TableException {
    Applied applied = state.apply(update);
    for (PeerOp op : applied.ops()) op.applyTo(device);
    enforcer.install(applied.policy(), applied.cut(), wallMillis.getAsLong());
    long took = nanos.getAsLong() - receivedNanos;
    latency.record(took);
    ack.acknowledge(applied.version(), receivedAtMillis, wallMillis.getAsLong());
    listener.enforced(applied, took);
    return applied;
  }
}
