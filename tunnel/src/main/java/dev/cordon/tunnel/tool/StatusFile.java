package dev.cordon.tunnel.tool;

import dev.cordon.tunnel.DropReason;
import dev.cordon.tunnel.HandOffStats;
import dev.cordon.tunnel.PeerStatus;
import dev.cordon.tunnel.WireGuardDevice;
import dev.cordon.tunnel.udp.UdpStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Rewrites a status file atomically (write a sibling, then rename), in lines of key=value pairs:
 *
 * <pre>
 * interface=NAME port=P
 * peer=BASE64 endpoint=IP:PORT rx_bytes=N tx_bytes=N rx_packets=N tx_packets=N last_handshake=S
 * udp sent=N received=N dropped=N gso_writes=N gso_failures=N socket_errors=N sink_errors=N direct=N
 * batches run_here=N handed_off=N
 * drop=REASON count=N
 * </pre>
 *
 * last_handshake is Unix seconds, 0 for never; endpoint is "none" while unknown.
 */
final class StatusFile {
  private final Path path;

  StatusFile(Path path) {
    this.path = path;
  }

  void write(WireGuardDevice device) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("interface=").append(device.interfaceName());
    s.append(" port=").append(device.listenPort()).append('\n');
    for (PeerStatus p : device.peers()) {
      s.append("peer=").append(p.peer());
      s.append(" endpoint=").append(EventPrinter.address(p.endpoint()));
      s.append(" rx_bytes=").append(p.rxBytes());
      s.append(" tx_bytes=").append(p.txBytes());
      s.append(" rx_packets=").append(p.rxPackets());
      s.append(" tx_packets=").append(p.txPackets());
      s.append(" last_handshake=")
          .append(p.lastHandshake() == null ? 0 : p.lastHandshake().getEpochSecond());
      s.append('\n');
    }
    UdpStats u = device.udpStats();
    s.append("udp sent=").append(u.datagramsSent());
    s.append(" received=").append(u.datagramsReceived());
    s.append(" dropped=").append(u.datagramsDropped());
    s.append(" gso_writes=").append(u.gsoWrites());
    s.append(" gso_failures=").append(u.gsoFailures());
    s.append(" socket_errors=").append(u.socketErrors());
    s.append(" sink_errors=").append(u.sinkErrors());
    s.append(" direct=").append(u.directSends());
    s.append('\n');
    HandOffStats h = device.handOffStats();
    s.append("batches run_here=").append(h.batchesRunHere());
    s.append(" handed_off=").append(h.batchesHandedOff());
    s.append('\n');
    for (Map.Entry<DropReason, Long> d : device.drops().entrySet()) {
      s.append("drop=").append(d.getKey().name()).append(" count=").append(d.getValue());
      s.append('\n');
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, s);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
