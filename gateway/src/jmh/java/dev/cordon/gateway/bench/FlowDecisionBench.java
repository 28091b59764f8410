package dev.cordon.gateway.bench;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.policy.eval.Decision;
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
 * Issue 5's flow-decision numbers on the gateway's real path, with the table loaded: a packet of a
 * tracked flow (parse, sender check, cryptokey routing, tracker hit) and a flow's first packet
 * (the policy snapshot's decision; and the whole miss path through the enforcer for a flow an
 * explicit deny refuses, which is not tracked and so can be repeated).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class FlowDecisionBench {
  private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

  @Param("100000")
  int peers;

  @Param("10000")
  int rules;

  private LoadedGateway gateway;
  private PeerSlot allowedSlot;
  private PeerSlot deniedSlot;
  private GatewayPeer sender;
  private PolicySnapshot policy;
  private byte[] established;
  private byte[] denied;
  private byte[] fresh;
  private int nextFlow;
  private long serviceLo;
  private final IpHeaders headers = new IpHeaders();

  @Setup(Level.Trial)
  public void load() {
    gateway = LoadedGateway.load(peers, rules, 1 << 16);
    // Device 1 (segment 1) may reach service 1 on port 1000 (rule r-1, an allow).
    allowedSlot = gateway.slot(1);
    sender = allowedSlot.current();
    policy = gateway.enforcer.policy();
    int service = Fleet.serviceNetwork(1) | 20;
    serviceLo = V4_MAPPED | (service & 0xffff_ffffL);
    byte[] syn = Fleet.tcp(Fleet.overlay(1), 40000, service, Fleet.port(1), 0x02);
    established = Fleet.tcp(Fleet.overlay(1), 40000, service, Fleet.port(1), 0x10);
    DropReason first = gateway.enforcer.outside(allowedSlot, syn, 0, syn.length, headers, now());
    if (first != null) throw new IllegalStateException("the allowed flow was dropped: " + first);
    // Device 3 (segment 3) to service 3 on port 1000 is rule r-3, an explicit deny.
    deniedSlot = gateway.slot(3);
    denied =
        Fleet.tcp(
            Fleet.overlay(3), 40000, Fleet.serviceNetwork(3) | 20, Fleet.port(3), 0x02);
    DropReason d = gateway.enforcer.outside(deniedSlot, denied, 0, denied.length, headers, now());
    if (d != DropReason.EXPLICIT_DENY) throw new IllegalStateException("expected a deny: " + d);
    if (!decide().allowed()) throw new IllegalStateException("the first packet was denied");
    fresh = Fleet.tcp(Fleet.overlay(1), 1, service, Fleet.port(1), 0x02);
    DropReason f = firstPacketAllowedThroughEnforcer();
    if (f != null) throw new IllegalStateException("a new allowed flow was dropped: " + f);
  }

  private static long now() {
    return LoadedGateway.NOW;
  }

  /** A packet of an established, allowed flow: the tracker answers. */
  @Benchmark
  public DropReason trackerHit() {
    return gateway.enforcer.outside(
        allowedSlot, established, 0, established.length, headers, now());
  }

  /** A new flow's first packet: policy evaluation against 10,000 rules, allowed. */
  @Benchmark
  public Decision firstPacketPolicy() {
    return decide();
  }

  /**
   * A new flow's first packet, allowed, through the whole enforcer path: miss, policy, and
   * tracking it (with the tracker full, so each new flow also evicts the least recently used).
   * Each call changes the source port and the last octet of the source-side service host, so
   * every call is a flow the tracker has not seen within its 65,536 entries.
   */
  @Benchmark
  public DropReason firstPacketAllowedThroughEnforcer() {
    int n = nextFlow++;
    fresh[20] = (byte) (n >>> 8);
    fresh[21] = (byte) n;
    fresh[19] = (byte) (20 + ((n >>> 16) & 0x3f)); // another host in service network 1
    return gateway.enforcer.outside(allowedSlot, fresh, 0, fresh.length, headers, now());
  }

  /** A new flow refused by an explicit deny, through the whole enforcer path (miss, policy). */
  @Benchmark
  public DropReason firstPacketDeniedThroughEnforcer() {
    return gateway.enforcer.outside(deniedSlot, denied, 0, denied.length, headers, now());
  }

  private Decision decide() {
    return policy.decide(sender, 0, serviceLo, 6, Fleet.port(1), now());
  }
}
