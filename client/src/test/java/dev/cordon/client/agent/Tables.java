package dev.cordon.client.agent;

import com.google.protobuf.ByteString;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.proto.v1.DevicePeer;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.DeviceTableDelta;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.Endpoint;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpPrefix;
import java.util.Arrays;
import java.util.Base64;

/** Builders for device tables in tests, so a test reads as the table it describes. */
final class Tables {

  private Tables() {}

  static byte[] key(int n) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) n);
    return key;
  }

  static String keyText(int n) {
    return Base64.getEncoder().encodeToString(key(n));
  }

  static IpPrefix prefix(String text) {
    dev.cordon.policy.model.IpPrefix p = dev.cordon.policy.model.IpPrefix.parse(text);
    return IpPrefix.newBuilder()
        .setOctets(ByteString.copyFrom(p.address().bytes()))
        .setLength(p.length())
        .build();
  }

  static DevicePeer gateway(int n, String name, String... prefixes) {
    DevicePeer.Builder peer =
        DevicePeer.newBuilder()
            .setWireguardPublicKey(ByteString.copyFrom(key(n)))
            .setIdentity(Identity.newBuilder().setName(name))
            .addEndpoints(Endpoint.newBuilder().setHost("192.0.2." + n).setPort(51820))
            .setPersistentKeepaliveSeconds(25);
    for (String p : prefixes) {
      peer.addAllowedPrefixes(prefix(p));
    }
    return peer.build();
  }

  static DeviceTable table(long version, DevicePeer... peers) {
    return DeviceTable.newBuilder()
        .setVersion(version)
        .setPolicyVersion(version * 10)
        .setDeviceId("d-1")
        .setStatus(DeviceStatus.DEVICE_STATUS_ACTIVE)
        .setOverlayAddress(
            dev.cordon.proto.v1.IpAddress.newBuilder()
                .setOctets(ByteString.copyFrom(IpAddress.parse("100.64.0.7").bytes())))
        .addAllPeers(Arrays.asList(peers))
        .build();
  }

  static DeviceTableUpdate snapshot(DeviceTable table) {
    return DeviceTableUpdate.newBuilder().setSnapshot(table).build();
  }

  static DeviceTableDelta.Builder delta(long from, long to) {
    return DeviceTableDelta.newBuilder()
        .setFromVersion(from)
        .setToVersion(to)
        .setPolicyVersion(to * 10);
  }

  static DeviceTableUpdate update(DeviceTableDelta.Builder delta) {
    return DeviceTableUpdate.newBuilder().setDelta(delta).build();
  }
}
