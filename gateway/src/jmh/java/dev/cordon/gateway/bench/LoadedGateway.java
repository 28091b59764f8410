package dev.cordon.gateway.bench;

import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.FlowObserver;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.PeerTable;
import dev.cordon.gateway.table.TableApplier;

/**
 * The gateway's own state after it applied a controller snapshot: the table state with one slot
 * per peer, the enforcer with its tracker and policy snapshot, built through the same {@link
 * TableApplier} the daemon uses. Only the WireGuard device is left out (a peer table that does
 * nothing), since its sessions are not what these benchmarks measure.
 */
final class LoadedGateway {
  static final long NOW = 1_780_000_000_000L;

  final GatewayTableState state;
  final Enforcer enforcer;
  final TableApplier applier;

  private LoadedGateway(GatewayTableState state, Enforcer enforcer, TableApplier applier) {
    this.state = state;
    this.enforcer = enforcer;
    this.applier = applier;
  }

  static LoadedGateway load(int peers, int rules, int maxFlows) {
    GatewayTableState state = new GatewayTableState(Fleet.GATEWAY);
    Enforcer enforcer =
        new Enforcer(
            PolicySnapshot.empty(), maxFlows, new DropCounters(), now -> true, FlowObserver.NONE);
    TableApplier applier =
        new TableApplier(
            state, PeerTable.NONE, enforcer, new LatencyHistogram(), () -> NOW, System::nanoTime);
    try {
      applier.apply(Fleet.snapshot(peers, rules), System.nanoTime(), NOW, (v, r, a) -> {});
    } catch (Exception e) {
      throw new IllegalStateException("the synthetic snapshot did not apply", e);
    }
    if (state.slots().size() != peers) {
      throw new IllegalStateException(state.slots().size() + " slots for " + peers + " peers");
    }
    return new LoadedGateway(state, enforcer, applier);
  }

  PeerSlot slot(int device) {
    return state.slot(new PeerKey(Fleet.key(device)));
  }

}
