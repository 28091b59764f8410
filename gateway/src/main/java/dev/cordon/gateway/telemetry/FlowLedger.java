package dev.cordon.gateway.telemetry;

import dev.cordon.gateway.enforce.FlowObserver;
import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.policy.conntrack.ConnEntry;
import dev.cordon.policy.conntrack.FlowKey;
import dev.cordon.policy.eval.Decision;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Verdict;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Turns enforcement events into flow records. A tracked flow is counted in place on the packet path
 * (one map lookup, two adds) and recorded when it ends: cut by a new table (its verdict stays the
 * first packet's ALLOW, {@code deny_reason} and {@code rule_id} say why it was cut), or expired
 * (found by {@link #sweep}). A flow alive longer than {@code interimMillis} also gets interim
 * records. A denied first packet is recorded at once.
 */
public final class FlowLedger implements FlowObserver {
  private final String gateway;
  private final Supplier<PolicySnapshot> policy;
  private final FlowQueue queue;
  private final long interimMillis;
  private final Map<ConnEntry, Live> live = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** One tracked flow's counts. */
  static final class Live {
    final String id;
    final GatewayPeer sender;
    final long tableVersion;
    final long start;
    final LongAdder bytesSent = new LongAdder();
    final LongAdder packetsSent = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder packetsReceived = new LongAdder();
    volatile long last;
    long lastReport;

    Live(String id, GatewayPeer sender, long tableVersion, long start) {
      this.id = id;
      this.sender = sender;
      this.tableVersion = tableVersion;
      this.start = start;
      this.last = start;
      this.lastReport = start;
    }
  }

  public FlowLedger(
      String gateway, Supplier<PolicySnapshot> policy, FlowQueue queue, long interimMillis) {
    this.gateway = gateway;
    this.policy = policy;
    this.queue = queue;
    this.interimMillis = interimMillis;
  }

  @Override
  public void started(ConnEntry entry, GatewayPeer sender, long tableVersion, long now) {
    String id = gateway + "-" + now + "-" + ids.incrementAndGet();
    live.put(entry, new Live(id, sender, tableVersion, now));
  }

  @Override
  public void packet(ConnEntry entry, boolean reply, int bytes, long now) {
    Live l = live.get(entry);
    if (l == null) return;
    (reply ? l.packetsReceived : l.packetsSent).increment();
    (reply ? l.bytesReceived : l.bytesSent).add(bytes);
    l.last = now;
  }

  @Override
  public void cut(ConnEntry entry, Decision decision, long now) {
    Live l = live.remove(entry);
    if (l == null) return;
    queue.offer(
        FlowRecords.of(gateway, entry.key(), l, policy.get(), now, true)
            .setDenyReason(FlowRecords.reason(decision.reason()))
            .setRuleId(decision.rule() == null ? "" : decision.rule())
            .build());
  }

  @Override
  public void denied(FlowKey key, GatewayPeer sender, Decision decision, long now) {
    String id = gateway + "-" + now + "-" + ids.incrementAndGet();
    PolicySnapshot p = policy.get();
    Live l = new Live(id, sender, p.version(), now);
    l.packetsSent.increment();
    queue.offer(
        FlowRecords.of(gateway, key, l, p, now, true)
            .setVerdict(Verdict.VERDICT_DENY)
            .setDenyReason(FlowRecords.reason(decision.reason()))
            .setRuleId(decision.rule() == null ? "" : decision.rule())
            .build());
  }

  /**
   * Records flows the tracker has let expire, and interim records of long ones. Call from the
   * telemetry thread before each batch.
   */
  public void sweep(long now) {
    PolicySnapshot p = policy.get();
    for (Iterator<Map.Entry<ConnEntry, Live>> it = live.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<ConnEntry, Live> e = it.next();
      Live l = e.getValue();
      FlowKey key = e.getKey().key();
      if (e.getKey().expiresAt() <= now) {
        it.remove();
        queue.offer(ruled(FlowRecords.of(gateway, key, l, p, l.last, true), e.getKey()).build());
      } else if (now - l.lastReport >= interimMillis) {
        l.lastReport = now;
        queue.offer(ruled(FlowRecords.of(gateway, key, l, p, l.last, false), e.getKey()).build());
      }
    }
  }

  /** Flows being counted. */
  public int live() {
    return live.size();
  }

  private static FlowRecord.Builder ruled(FlowRecord.Builder b, ConnEntry e) {
    String rule = e.decision().rule();
    return b.setRuleId(rule == null ? "" : rule);
  }
}
