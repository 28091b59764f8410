package dev.cordon.gateway.device;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.tunnel.Verdict;
import java.util.Locale;

/**
 * The tunnel's drop verdict for each gateway drop reason, made once: the device counts the same
 * reasons under the same names in lower case ({@code SPOOFED_SOURCE} is {@code spoofed_source}).
 */
final class DropVerdicts {
  private static final Verdict[] BY_REASON = new Verdict[DropReason.values().length];

  static {
    for (DropReason r : DropReason.values()) {
      BY_REASON[r.ordinal()] = Verdict.drop(new dev.cordon.tunnel.DropReason(name(r)));
    }
  }

  private DropVerdicts() {}

  static Verdict of(DropReason reason) {
    return BY_REASON[reason.ordinal()];
  }

  /** The name a gateway reason is counted under by the device. */
  static String name(DropReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }
}
