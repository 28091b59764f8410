package dev.cordon.gateway.telemetry;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.table.LatencyHistogram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status as a small line file in the state directory, replaced atomically by the daemon and
 * read by {@code cordon gateway status}. Lines: {@code key value}, {@code drop REASON n}, {@code
 * tunnel_drop name n}, {@code peer id status handshakeAgeMs packetsIn packetsOut drops rxBytes
 * txBytes}.
 */
public final class StatusFile {
  public static final String NAME = "gateway.status";

  private StatusFile() {}

  public static void write(Path dir, GatewayStatus s) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("version ").append(s.tableVersion()).append('\n');
    b.append("connected ").append(s.connected()).append('\n');
    b.append("failstatic_ms ").append(s.failStaticRemainingMillis()).append('\n');
    b.append("flows ").append(s.flows()).append('\n');
    b.append("apply_us ")
        .append(s.applyP50Micros())
        .append(' ')
        .append(s.applyP99Micros())
        .append(' ')
        .append(s.applyMaxMicros())
        .append('\n');
    s.drops().forEach((r, n) -> b.append("drop ").append(r).append(' ').append(n).append('\n'));
    s.tunnelDrops()
        .forEach((r, n) -> b.append("tunnel_drop ").append(r).append(' ').append(n).append('\n'));
    for (GatewayStatus.Peer p : s.peers()) {
      b.append("peer ")
          .append(p.deviceId())
          .append(' ')
          .append(p.status())
          .append(' ')
          .append(p.handshakeAgeMillis())
          .append(' ')
          .append(p.packetsIn())
          .append(' ')
          .append(p.packetsOut())
          .append(' ')
          .append(p.drops())
          .append(' ')
          .append(p.rxBytes())
          .append(' ')
          .append(p.txBytes())
          .append('\n');
    }
    Path tmp = dir.resolve(NAME + ".tmp");
    Files.writeString(tmp, b);
    Files.move(
        tmp,
        dir.resolve(NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  public static GatewayStatus read(Path dir) throws IOException {
    long version = 0, failStatic = 0, p50 = 0, p99 = 0, max = 0;
    boolean connected = false;
    int flows = 0;
    Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    Map<String, Long> tunnelDrops = new TreeMap<>();
    List<GatewayStatus.Peer> peers = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(NAME))) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "version" -> version = Long.parseLong(f[1]);
        case "connected" -> connected = Boolean.parseBoolean(f[1]);
        case "failstatic_ms" -> failStatic = Long.parseLong(f[1]);
        case "flows" -> flows = Integer.parseInt(f[1]);
        case "apply_us" -> {
          p50 = Long.parseLong(f[1]);
          p99 = Long.parseLong(f[2]);
          max = Long.parseLong(f[3]);
        }
        case "drop" -> drops.put(DropReason.valueOf(f[1]), Long.parseLong(f[2]));
        case "tunnel_drop" -> tunnelDrops.put(f[1], Long.parseLong(f[2]));
        case "peer" ->
            peers.add(
                new GatewayStatus.Peer(
                    f[1],
                    f[2],
                    Long.parseLong(f[3]),
                    Long.parseLong(f[4]),
                    Long.parseLong(f[5]),
                    Long.parseLong(f[6]),
                    f.length > 8 ? Long.parseLong(f[7]) : 0,
                    f.length > 8 ? Long.parseLong(f[8]) : 0));
        default -> {}
      }
    }
    return new GatewayStatus(
        version,
        connected,
        failStatic,
        flows,
        p50,
        p99,
        max,
        drops,
        tunnelDrops,
        peers,
        LatencyHistogram.Snapshot.empty());
  }
}
