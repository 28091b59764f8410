package dev.cordon.tunnel.tool;

import dev.cordon.tunnel.DeviceListener;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/** Prints one line per device event, the format the lab's tests read. */
final class EventPrinter implements DeviceListener {
  private final PrintStream out;

  EventPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void handshakeComplete(String peer, boolean initiator) {
    out.println("handshake peer=" + peer + " role=" + (initiator ? "initiator" : "responder"));
  }

  @Override
  public void keepaliveReceived(String peer) {
    out.println("keepalive-received peer=" + peer);
  }

  @Override
  public void endpointChanged(String peer, InetSocketAddress endpoint) {
    out.println("endpoint peer=" + peer + " addr=" + address(endpoint));
  }

  /** ip:port, with IPv6 addresses in brackets. */
  static String address(InetSocketAddress a) {
    if (a == null) {
      return "none";
    }
    String ip = a.getAddress().getHostAddress();
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.getPort();
  }
}
