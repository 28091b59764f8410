package dev.cordon.gateway.device;

import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.table.PeerTable;
import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's peer table on a real device. Keeps the slot of every key the device answers, by the
 * base64 name the device's policy calls use and by key, so each packet costs one map lookup. Peers
 * are responders only: no endpoint (learned from their first handshake), no keepalive, no preshared
 * key. Written by the sync thread, read by packet threads.
 */
public final class DeviceAdapter implements PeerTable {
  private final PeerDevice device;
  private final Map<String, PeerSlot> byName = new ConcurrentHashMap<>();
  private final Map<PeerKey, PeerSlot> byKey = new ConcurrentHashMap<>();

  public DeviceAdapter(PeerDevice device) {
    this.device = device;
  }

  @Override
  public void addPeer(PeerSlot slot, List<IpPrefix> allowedIps) {
    hold(slot);
    device.setPeer(config(slot.key(), allowedIps));
  }

  @Override
  public void updateAllowedIps(PeerSlot slot, List<IpPrefix> allowedIps) {
    hold(slot);
    device.setPeer(config(slot.key(), allowedIps));
  }

  /** Forgets the slot first, so packets already decrypted for the key find no one. */
  @Override
  public void removePeer(PeerKey key) {
    byName.remove(key.toString());
    byKey.remove(key);
    device.removePeer(key.bytes());
  }

  /** The slot of a peer named as the device names it (base64 key), or null. */
  public PeerSlot slot(String name) {
    return byName.get(name);
  }

  public PeerSlot slot(PeerKey key) {
    return byKey.get(key);
  }

  /** Every slot held now (a live view, safe to read while the table changes). */
  public Collection<PeerSlot> slots() {
    return byKey.values();
  }

  public PeerDevice device() {
    return device;
  }

  private void hold(PeerSlot slot) {
    byName.put(slot.key().toString(), slot);
    byKey.put(slot.key(), slot);
  }

  private static PeerConfig config(PeerKey key, List<IpPrefix> allowedIps) {
    return new PeerConfig(key.bytes(), null, null, allowedIps, 0);
  }
}
