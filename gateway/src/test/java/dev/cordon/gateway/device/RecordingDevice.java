package dev.cordon.gateway.device;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.PeerStatus;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A device that records the calls the gateway makes on its peer set. */
final class RecordingDevice implements PeerDevice {
  final List<String> calls = new ArrayList<>();

  @Override
  public void setPeer(PeerConfig config) {
    calls.add("set " + config.name() + " " + config.allowedIps());
  }

  @Override
  public boolean removePeer(byte[] publicKey) {
    calls.add("remove " + Base64.getEncoder().encodeToString(publicKey));
    return true;
  }

  @Override
  public List<PeerStatus> peers() {
    return List.of();
  }
}
