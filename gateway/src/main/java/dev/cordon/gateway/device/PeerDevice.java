package dev.cordon.gateway.device;

import dev.cordon.tunnel.DropReason;
import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.PeerStatus;
import dev.cordon.tunnel.WireGuardDevice;
import java.util.List;
import java.util.Map;

/** The part of a WireGuard device the gateway drives; tests record calls instead. */
public interface PeerDevice {
  /** Adds the peer, or changes its allowed IPs in place (sessions live on). */
  void setPeer(PeerConfig config);

  /** Destroys the peer's sessions and forgets it; false when it was not there. */
  boolean removePeer(byte[] publicKey);

  /** Every peer's counters and last handshake. */
  List<PeerStatus> peers();

  /** The device's own drops so far, per reason (none known by default). */
  default Map<DropReason, Long> drops() {
    return Map.of();
  }

  static PeerDevice of(WireGuardDevice device) {
    return new PeerDevice() {
      @Override
      public void setPeer(PeerConfig config) {
        device.setPeer(config);
      }

      @Override
      public boolean removePeer(byte[] publicKey) {
        return device.removePeer(publicKey);
      }

      @Override
      public List<PeerStatus> peers() {
        return device.peers();
      }

      @Override
      public Map<DropReason, Long> drops() {
        return device.drops();
      }
    };
  }
}
