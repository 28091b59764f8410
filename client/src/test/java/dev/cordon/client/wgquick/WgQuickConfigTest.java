package dev.cordon.client.wgquick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.proto.v1.DevicePeer;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.Endpoint;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.IpPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WgQuickConfigTest {

  @TempDir Path temp;

  static ByteString bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return ByteString.copyFrom(b);
  }

  static DeviceTable table() {
    byte[] gatewayKey = new byte[32];
    Arrays.fill(gatewayKey, (byte) 1);
    return DeviceTable.newBuilder()
        .setVersion(4)
        .setPolicyVersion(2)
        .setDeviceId("d-1")
        .setOverlayAddress(IpAddress.newBuilder().setOctets(bytes(100, 64, 0, 7)))
        .addPeers(
            DevicePeer.newBuilder()
                .setWireguardPublicKey(ByteString.copyFrom(gatewayKey))
                .setIdentity(Identity.newBuilder().setName("gw-hq"))
                .addEndpoints(Endpoint.newBuilder().setHost("gw.example").setPort(51820))
                .addEndpoints(Endpoint.newBuilder().setHost("10.0.0.1").setPort(51820))
                .addAllowedPrefixes(
                    IpPrefix.newBuilder().setOctets(bytes(10, 20, 0, 0)).setLength(24))
                .addAllowedPrefixes(
                    IpPrefix.newBuilder().setOctets(bytes(100, 64, 0, 1)).setLength(32))
                .setPersistentKeepaliveSeconds(25))
        .addPeers(
            DevicePeer.newBuilder()
                .setWireguardPublicKey(ByteString.copyFrom(new byte[32]))
                .setIdentity(Identity.newBuilder().setName("gw-lab")))
        .build();
  }

  static WireGuardKeyPair keys() {
    byte[] privateKey = new byte[32];
    Arrays.fill(privateKey, (byte) 0x40);
    return WireGuardKeyPair.fromPrivate(privateKey);
  }

  @Test
  void theConfigListsOnlyTheTablesPeersWithTheirAllowedPrefixes() {
    assertEquals(
        """
        # wg-quick configuration for Cordon device d-1 (table version 4, policy version 2).
        # It holds the device's private key: keep it 0600.
        [Interface]
        PrivateKey = QEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEA=
        Address = 100.64.0.7/32

        # gw-hq
        [Peer]
        PublicKey = AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=
        Endpoint = gw.example:51820
        AllowedIPs = 10.20.0.0/24, 100.64.0.1/32
        PersistentKeepalive = 25

        # gw-lab
        [Peer]
        PublicKey = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
        # No prefixes allowed by policy yet.
        """,
        WgQuickConfig.render(keys(), "d-1", table()));
  }

  @Test
  void theFileIsWritten0600() throws Exception {
    Path file = temp.resolve("wg0.conf");
    WgQuickConfig.write(file, WgQuickConfig.render(keys(), "d-1", table()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
