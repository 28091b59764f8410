package dev.cordon.gateway.daemon;

import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.table.Applied;
import dev.cordon.gateway.table.TableApplier;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * One line per enforcement event, for operators and for tests that wait on them:
 *
 * <pre>
 * gateway ready interface=cordon0 port=51820 table-version=3      (first table enforced)
 * table-applied version=4 peers=12 enforced-in-ms=0.412            (every update)
 * revoked peer=&lt;base64 key&gt; enforced-in-ms=0.412                 (also quarantined, pending, removed)
 * </pre>
 *
 * Called on the sync thread after the acknowledgement.
 */
final class EnforcementLog implements TableApplier.Listener {
  private final PrintWriter out;
  private final String iface;
  private final int port;
  private boolean ready;

  EnforcementLog(PrintWriter out, String iface, int port) {
    this.out = out;
    this.iface = iface;
    this.port = port;
  }

  @Override
  public void enforced(Applied applied, long nanos) {
    String ms = String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    for (GatewayPeer before : applied.cut()) {
      out.println(event(applied, before) + " peer=" + before.key() + " enforced-in-ms=" + ms);
    }
    out.println(
        "table-applied version="
            + applied.version()
            + " peers="
            + applied.policy().table().peers().size()
            + " enforced-in-ms="
            + ms);
    if (!ready) {
      ready = true;
      out.println(
          "gateway ready interface="
              + iface
              + " port="
              + port
              + " table-version="
              + applied.version());
    }
    out.flush();
  }

  /**
   * What became of a peer whose flows were cut: its status in the new table, or revoked when the
   * controller removed it as revoked, else removed.
   */
  private static String event(Applied applied, GatewayPeer before) {
    GatewayPeer now = applied.policy().owner(before.overlay().hi(), before.overlay().lo());
    if (now == null || !now.key().equals(before.key())) {
      return applied.revoked().contains(before.key()) ? "revoked" : "removed";
    }
    return now.status().name().toLowerCase(Locale.ROOT);
  }
}
