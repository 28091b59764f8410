package dev.cordon.client.agent;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.PeerStatus;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/** A {@link Tunnel} in memory: records every step, so tests need no root and no interface. */
final class FakeTunnel implements Tunnel {

  final List<String> steps = Collections.synchronizedList(new ArrayList<>());
  final Map<String, PeerConfig> peers = Collections.synchronizedMap(new LinkedHashMap<>());
  final Set<String> routes = Collections.synchronizedSet(new TreeSet<>());
  final CountDownLatch closed = new CountDownLatch(1);
  volatile InboundFilter filter;

  Factory factory() {
    return (name, privateKey, filter) -> {
      steps.add("open " + name);
      this.filter = filter;
      return this;
    };
  }

  @Override
  public void setPeer(PeerConfig peer) {
    steps.add("set peer " + peer.name() + " " + peer.allowedIps());
    peers.put(peer.name(), peer);
  }

  @Override
  public void removePeer(byte[] publicKey) {
    String name = Base64.getEncoder().encodeToString(publicKey);
    steps.add("remove peer " + name);
    peers.remove(name);
  }

  @Override
  public void addAddress(String prefix) {
    steps.add("address " + prefix);
  }

  @Override
  public void addRoute(String prefix) {
    steps.add("route " + prefix);
    routes.add(prefix);
  }

  @Override
  public void removeRoute(String prefix) {
    steps.add("unroute " + prefix);
    routes.remove(prefix);
  }

  @Override
  public List<PeerStatus> peers() {
    return List.of();
  }

  @Override
  public Map<String, Long> drops() {
    return Map.of();
  }

  @Override
  public void close() {
    steps.add("close");
    closed.countDown();
  }
}
