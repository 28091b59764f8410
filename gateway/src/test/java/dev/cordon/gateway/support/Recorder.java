package dev.cordon.gateway.support;

import dev.cordon.gateway.enforce.FlowObserver;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.table.PeerTable;
import dev.cordon.policy.conntrack.ConnEntry;
import dev.cordon.policy.eval.Decision;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake device peer table and flow observer writing one ordered event log. */
public final class Recorder implements PeerTable, FlowObserver {
  public final List<String> events = new ArrayList<>();
  public final Map<PeerKey, PeerSlot> peers = new HashMap<>();
  private final Map<PeerKey, String> names = new HashMap<>();

  @Override
  public void addPeer(PeerSlot slot, List<IpPrefix> allowedIps) {
    peers.put(slot.key(), slot);
    names.put(slot.key(), slot.current().deviceId());
    events.add("add " + slot.current().deviceId() + " " + allowedIps);
  }

  @Override
  public void updateAllowedIps(PeerSlot slot, List<IpPrefix> allowedIps) {
    events.add("update " + slot.current().deviceId() + " " + allowedIps);
  }

  @Override
  public void removePeer(PeerKey key) {
    peers.remove(key);
    events.add("remove " + names.getOrDefault(key, key.toString()));
  }

  @Override
  public void cut(ConnEntry entry, Decision decision, long now) {
    events.add("cut " + decision.reason());
  }
}
