package dev.cordon.gateway.bench;

import com.google.protobuf.ByteString;
import dev.cordon.gateway.table.Applied;
import dev.cordon.proto.v1.GatewayTableDelta;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.PortRange;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 5's revocation and policy-change numbers at fleet size, inside the gateway: the time from a
 * delta's arrival to its enforcement ({@code TableApplier.apply}: table state, peer slots, policy
 * snapshot, flow cuts, up to the acknowledgement) with {@code peers} authorized peers and {@code
 * rules} rules loaded. {@link #revokeOrRestore} alternately revokes device 7 and adds it back;
 * {@link #ruleChange} alternately moves one rule's port.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The heap is fixed and touched before the run: on this VM the first write to each fresh heap page
// faults, and at 2.4 MB per update at 100,000 peers the first pass through a grown eden made
// updates 40 times slower for seconds (a cost of heap growth, not of the update).
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class TableUpdateBench {
  @Param({"10000", "100000"})
  int peers;

  @Param("10000")
  int rules;

  /** Live flows in the tracker when the updates arrive (all of device 1, which stays). */
  @Param({"0", "100000"})
  int flows;

  private LoadedGateway gateway;
  private long version;
  private boolean revoked;
  private int port;

  @Setup(Level.Trial)
  public void load() {
    gateway = LoadedGateway.load(peers, rules, Math.max(flows, 1));
    version = gateway.state.version();
    // Device 1 may reach service network 1 on its rule's port: one flow per source port and host.
    var slot = gateway.slot(1);
    var headers = new dev.cordon.gateway.packet.IpHeaders();
    for (int i = 0; i < flows; i++) {
      int host = Fleet.serviceNetwork(1) | (1 + i / 20_000);
      byte[] syn = Fleet.tcp(Fleet.overlay(1), 40_000 + i % 20_000, host, Fleet.port(1), 0x02);
      var dropped = gateway.enforcer.outside(slot, syn, 0, syn.length, headers, LoadedGateway.NOW);
      if (dropped != null) throw new IllegalStateException("flow " + i + " dropped: " + dropped);
    }
    if (gateway.enforcer.flows() != flows) {
      throw new IllegalStateException(gateway.enforcer.flows() + " flows tracked, not " + flows);
    }
  }

  @Benchmark
  public Applied revokeOrRestore() throws Exception {
    GatewayTableDelta.Builder d =
        GatewayTableDelta.newBuilder().setFromVersion(version).setToVersion(version + 1);
    if (revoked) {
      d.addAddedPeers(Fleet.peer(7));
    } else {
      ByteString key = ByteString.copyFrom(Fleet.key(7));
      d.addRemovedPeerKeys(key).addRevokedPeerKeys(key);
    }
    revoked = !revoked;
    return apply(d);
  }

  @Benchmark
  public Applied ruleChange() throws Exception {
    port = port == 0 ? 1 : 0;
    var moved =
        Fleet.rule(3).toBuilder()
            .clearPorts()
            .addPorts(PortRange.newBuilder().setFirst(40_000 + port).setLast(40_000 + port))
            .build();
    return apply(
        GatewayTableDelta.newBuilder()
            .setFromVersion(version)
            .setToVersion(version + 1)
            .addChangedRules(moved));
  }

  private Applied apply(GatewayTableDelta.Builder d) throws Exception {
    Applied a =
        gateway.applier.apply(
            GatewayTableUpdate.newBuilder().setDelta(d).build(),
            System.nanoTime(),
            LoadedGateway.NOW,
            (v, r, w) -> {});
    version = a.version();
    return a;
  }
}
