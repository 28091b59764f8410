package dev.cordon.policy.conntrack;

import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.model.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks flows for one enforcement point. Usage per packet: {@link #lookup}; on a hit, {@link
 * #seen} (and re-evaluate first if the hit is stale); on a miss, evaluate the policy and {@link
 * #track}. Not thread safe: one tracker per event loop, or guard it.
 */
public final class ConnTracker {
  private final Timeouts timeouts;
  private final int maxEntries;
  private final LinkedHashMap<FlowKey, ConnEntry> entries;

  /**
   * The first entry of each chain of entries with one source address, and of each chain with one
   * destination address, kept with {@link #entries}: cutting a revoked peer's flows then costs its
   * flows, not every flow the gateway holds (scanning 100,000 entries took 0.8 ms, under the lock
   * the packet path waits on, and a gateway may track a million).
   */
  private final Map<Endpoint, ConnEntry> fromHeads = new HashMap<>();

  private final Map<Endpoint, ConnEntry> toHeads = new HashMap<>();

  private long currentVersion;
  private long evictions;

  private record Endpoint(long hi, long lo) {}

  /** A hit: the entry, which way the packet goes, and whether its verdict predates the table. */
  public record Hit(ConnEntry entry, Direction direction, boolean stale) {}

  public ConnTracker(Timeouts timeouts, int maxEntries, long tableVersion) {
    if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive");
    this.timeouts = timeouts;
    this.maxEntries = maxEntries;
    this.currentVersion = tableVersion;
    // Access order: the eldest entry is the least recently used, evicted first when full.
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The live entry this packet belongs to, in either direction, or null. */
  public Hit lookup(FlowKey key, long nowMillis) {
    Direction dir = Direction.ORIGINAL;
    ConnEntry e = entries.get(key);
    if (e == null) {
      e = entries.get(key.reverse());
      dir = Direction.REPLY;
    }
    if (e == null) return null;
    if (nowMillis >= e.expiresAt) {
      remove(e.key());
      return null;
    }
    return new Hit(e, dir, e.tableVersion != currentVersion);
  }

  /** Starts tracking a flow from its first packet (original direction) and its verdict. */
  public ConnEntry track(
      FlowKey key, Decision decision, long tableVersion, int tcpFlags, long now) {
    ConnEntry e = new ConnEntry(key, decision, tableVersion, initialState(key.ipProto()));
    remove(key);
    while (entries.size() >= maxEntries) evictOne(now);
    entries.put(key, e);
    index(e);
    seen(e, Direction.ORIGINAL, tcpFlags, now);
    return e;
  }

  /** Accounts a packet of a tracked flow and moves its state; tcpFlags is ignored for non-TCP. */
  public void seen(ConnEntry e, Direction dir, int tcpFlags, long now) {
    if (dir == Direction.ORIGINAL) e.packetsOriginal++;
    else e.packetsReply++;
    e.state = next(e.state, dir, tcpFlags);
    e.expiresAt = now + timeouts.of(e.state);
  }

  /** Called when a new table version is applied; entries stamped earlier become stale. */
  public void newTableVersion(long version) {
    currentVersion = version;
  }

  public long tableVersion() {
    return currentVersion;
  }

  /** Entries whose verdict predates the current table, for an eager re-check. */
  public List<ConnEntry> stale() {
    List<ConnEntry> out = new ArrayList<>();
    for (ConnEntry e : entries.values()) if (e.tableVersion != currentVersion) out.add(e);
    return out;
  }

  /** The live entries with the address {@code (hi, lo)} at either end, each once. */
  public List<ConnEntry> involving(long hi, long lo) {
    Endpoint at = new Endpoint(hi, lo);
    List<ConnEntry> out = new ArrayList<>();
    for (ConnEntry e = fromHeads.get(at); e != null; e = e.nextFrom) out.add(e);
    for (ConnEntry e = toHeads.get(at); e != null; e = e.nextTo) {
      if (e.key().srcHi() != hi || e.key().srcLo() != lo) out.add(e); // else listed already
    }
    return out;
  }

  /** Stamps a re-evaluated verdict; a flow now denied keeps its entry so it stays cut. */
  public void recheck(ConnEntry e, Decision decision, long tableVersion) {
    e.decision = decision;
    e.tableVersion = tableVersion;
  }

  public boolean remove(FlowKey key) {
    ConnEntry e = entries.remove(key);
    if (e == null) return false;
    unindex(e);
    return true;
  }

  /** Drops every expired entry; returns how many. */
  public int expire(long now) {
    int n = 0;
    for (Iterator<ConnEntry> it = entries.values().iterator(); it.hasNext(); ) {
      ConnEntry e = it.next();
      if (now >= e.expiresAt) {
        it.remove();
        unindex(e);
        n++;
      }
    }
    return n;
  }

  public int size() {
    return entries.size();
  }

  public long evictions() {
    return evictions;
  }

  /** Evicts an expired entry if the oldest few hold one, else the least recently used. */
  private void evictOne(long now) {
    Iterator<Map.Entry<FlowKey, ConnEntry>> it = entries.entrySet().iterator();
    for (int i = 0; i < 8 && it.hasNext(); i++) {
      ConnEntry e = it.next().getValue();
      if (now >= e.expiresAt) {
        it.remove();
        unindex(e);
        return;
      }
    }
    it = entries.entrySet().iterator();
    ConnEntry eldest = it.next().getValue();
    it.remove();
    unindex(eldest);
    evictions++;
  }

  /** Puts {@code e} first in the chains of its source and its destination address. */
  private void index(ConnEntry e) {
    FlowKey k = e.key();
    ConnEntry from = fromHeads.put(new Endpoint(k.srcHi(), k.srcLo()), e);
    e.nextFrom = from;
    if (from != null) from.prevFrom = e;
    ConnEntry to = toHeads.put(new Endpoint(k.dstHi(), k.dstLo()), e);
    e.nextTo = to;
    if (to != null) to.prevTo = e;
  }

  /** Takes {@code e} out of both its chains; the maps change only when it led one. */
  private void unindex(ConnEntry e) {
    FlowKey k = e.key();
    if (e.prevFrom != null) e.prevFrom.nextFrom = e.nextFrom;
    else lead(fromHeads, new Endpoint(k.srcHi(), k.srcLo()), e.nextFrom);
    if (e.nextFrom != null) e.nextFrom.prevFrom = e.prevFrom;
    if (e.prevTo != null) e.prevTo.nextTo = e.nextTo;
    else lead(toHeads, new Endpoint(k.dstHi(), k.dstLo()), e.nextTo);
    if (e.nextTo != null) e.nextTo.prevTo = e.prevTo;
    e.nextFrom = e.prevFrom = e.nextTo = e.prevTo = null;
  }

  private static void lead(Map<Endpoint, ConnEntry> heads, Endpoint at, ConnEntry next) {
    if (next == null) heads.remove(at);
    else heads.put(at, next);
  }

  private static FlowState initialState(int ipProto) {
    return switch (ipProto) {
      case Protocol.IP_TCP -> FlowState.TCP_SYN_SENT;
      case Protocol.IP_UDP -> FlowState.UDP_UNREPLIED;
      case Protocol.IP_ICMP, Protocol.IP_ICMPV6 -> FlowState.ICMP;
      default -> FlowState.OTHER;
    };
  }

  static FlowState next(FlowState s, Direction dir, int flags) {
    return switch (s) {
      case UDP_UNREPLIED -> dir == Direction.REPLY ? FlowState.UDP_STREAM : s;
      case UDP_STREAM, ICMP, OTHER, TCP_CLOSED -> s;
      default -> nextTcp(s, dir, flags);
    };
  }

  private static FlowState nextTcp(FlowState s, Direction dir, int flags) {
    if ((flags & TcpFlags.RST) != 0) return FlowState.TCP_CLOSED;
    if ((flags & TcpFlags.FIN) != 0) return FlowState.TCP_CLOSING;
    boolean syn = (flags & TcpFlags.SYN) != 0;
    boolean ack = (flags & TcpFlags.ACK) != 0;
    return switch (s) {
      case TCP_SYN_SENT -> dir == Direction.REPLY && syn && ack ? FlowState.TCP_SYN_RECEIVED : s;
      case TCP_SYN_RECEIVED ->
          dir == Direction.ORIGINAL && ack && !syn ? FlowState.TCP_ESTABLISHED : s;
      default -> s;
    };
  }
}
