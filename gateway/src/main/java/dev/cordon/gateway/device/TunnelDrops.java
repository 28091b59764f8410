package dev.cordon.gateway.device;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.tunnel.session.Drop;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The drops the tunnel makes before the enforcer sees a packet, under the gateway's own names, so
 * that an operator sees one name for one cause. The gateway gives each peer exactly its overlay
 * address and the prefixes it may originate as allowed IPs, so the tunnel's cryptokey-routing drop
 * (an inner source outside them) is a spoofed source. The tunnel also counts the enforcer's own
 * verdicts (under lower-case names); those are left out here, being counted by the enforcer
 * already.
 */
public final class TunnelDrops {
  private static final Map<String, DropReason> SAME_CAUSE =
      Map.of(tunnelName(Drop.SOURCE_NOT_ALLOWED), DropReason.SPOOFED_SOURCE);

  private TunnelDrops() {}

  /** The enforcer's counts plus the tunnel's drops that share a cause with one of them. */
  public static Map<DropReason, Long> merged(
      Map<DropReason, Long> enforcer, Map<dev.cordon.tunnel.DropReason, Long> tunnel) {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    out.putAll(enforcer);
    tunnel.forEach(
        (reason, n) -> {
          DropReason same = SAME_CAUSE.get(reason.name());
          if (same != null && n > 0) out.merge(same, n, Long::sum);
        });
    return out;
  }

  /**
   * The tunnel's own drops (handshakes refused, unknown receiver indexes, replays, no route...) by
   * the tunnel's lower-case name, zeros left out. The device counts the enforcer's verdicts under
   * the same kind of name, and a session-layer reason can share one ({@code malformed}), so the
   * enforcer's count for a name is taken off the tunnel's (never below zero: the two counters are
   * read one after the other). A drop folded into an enforcer reason by {@link #merged} is left
   * out.
   */
  public static SortedMap<String, Long> tunnelOnly(
      Map<DropReason, Long> enforcer, Map<dev.cordon.tunnel.DropReason, Long> tunnel) {
    Map<String, Long> verdicts = new HashMap<>();
    enforcer.forEach((r, n) -> verdicts.put(DropVerdicts.name(r), n));
    SortedMap<String, Long> out = new TreeMap<>();
    tunnel.forEach(
        (reason, n) -> {
          if (SAME_CAUSE.containsKey(reason.name())) return;
          long own = n - verdicts.getOrDefault(reason.name(), 0L);
          if (own > 0) out.put(reason.name(), own);
        });
    return out;
  }

  /** The name the tunnel counts a session-layer drop under. */
  private static String tunnelName(Drop d) {
    return d.name().toLowerCase(Locale.ROOT);
  }
}
