package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.util.List;

/** One change to the device's peer set, in the order it must be applied. */
public sealed interface PeerOp {
  void applyTo(PeerTable device);

  record Add(PeerSlot slot, List<IpPrefix> allowedIps) implements PeerOp {
    public void applyTo(PeerTable device) {
      device.addPeer(slot, allowedIps);
    }
  }

  record Update(PeerSlot slot, List<IpPrefix> allowedIps) implements PeerOp {
    public void applyTo(PeerTable device) {
      device.updateAllowedIps(slot, allowedIps);
    }
  }

  record Remove(PeerKey key) implements PeerOp {
    public void applyTo(PeerTable device) {
      device.removePeer(key);
    }
  }
}
