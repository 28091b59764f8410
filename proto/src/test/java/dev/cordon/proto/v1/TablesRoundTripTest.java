package dev.cordon.proto.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gateway table survives the wire, and a delta read back from bytes applies on top of it. */
class TablesRoundTripTest {

  private static final ByteString CAMERA_KEY = key(1);
  private static final ByteString SENSOR_KEY = key(2);

  @Test
  void aSnapshotRoundTripsThroughBytesUnchanged() throws InvalidProtocolBufferException {
    GatewayTableUpdate update = GatewayTableUpdate.newBuilder().setSnapshot(snapshot()).build();

    GatewayTableUpdate parsed = GatewayTableUpdate.parseFrom(update.toByteArray());

    assertEquals(update, parsed);
    assertEquals(GatewayTableUpdate.UpdateCase.SNAPSHOT, parsed.getUpdateCase());
    AuthorizedPeer camera = parsed.getSnapshot().getPeers(0);
    assertEquals(32, camera.getWireguardPublicKey().size());
    assertEquals("spiffe://cordon.local/device/d-cam", camera.getIdentity().getSpiffeId());
    assertEquals(
        PortRange.newBuilder().setFirst(554).setLast(554).build(),
        parsed.getSnapshot().getRules(0).getPorts(0));
  }

  @Test
  void aQuarantineDeltaReadFromBytesNarrowsThePeerAndDropsTheOther()
      throws InvalidProtocolBufferException {
    GatewayTable table = snapshot();
    GatewayTableDelta delta =
        GatewayTableDelta.newBuilder()
            .setFromVersion(7)
            .setToVersion(9)
            .setPolicyVersion(2)
            .addChangedPeers(
                table.getPeers(0).toBuilder()
                    .setStatus(DeviceStatus.DEVICE_STATUS_QUARANTINED)
                    .clearSegments()
                    .addSegments("quarantine"))
            .addRemovedPeerKeys(SENSOR_KEY)
            .addRemovedRuleIds("cams-to-nvr")
            .build();
    byte[] wire = GatewayTableUpdate.newBuilder().setDelta(delta).build().toByteArray();

    GatewayTableUpdate parsed = GatewayTableUpdate.parseFrom(wire);
    assertEquals(GatewayTableUpdate.UpdateCase.DELTA, parsed.getUpdateCase());
    GatewayTable after = apply(table, parsed.getDelta());

    assertEquals(9, after.getVersion());
    assertEquals(1, after.getPeersCount(), "the sensor's key was removed");
    assertEquals(DeviceStatus.DEVICE_STATUS_QUARANTINED, after.getPeers(0).getStatus());
    assertEquals("quarantine", after.getPeers(0).getSegments(0));
    assertTrue(after.getRulesList().isEmpty(), "the only rule was removed");
  }

  @Test
  void anUnsetOptionalStatusInADeviceDeltaIsDistinguishableFromASetOne()
      throws InvalidProtocolBufferException {
    DeviceTableDelta untouched =
        DeviceTableDelta.newBuilder().setFromVersion(1).setToVersion(2).build();
    DeviceTableDelta revoked =
        untouched.toBuilder().setStatus(DeviceStatus.DEVICE_STATUS_REVOKED).build();

    assertFalse(DeviceTableDelta.parseFrom(untouched.toByteArray()).hasStatus());
    DeviceTableDelta parsed = DeviceTableDelta.parseFrom(revoked.toByteArray());
    assertTrue(parsed.hasStatus());
    assertEquals(DeviceStatus.DEVICE_STATUS_REVOKED, parsed.getStatus());
  }

  /** A naive applier, as a gateway would write one: only on top of exactly from_version. */
  private static GatewayTable apply(GatewayTable table, GatewayTableDelta delta) {
    assertEquals(table.getVersion(), delta.getFromVersion(), "delta must start at our version");
    Map<ByteString, AuthorizedPeer> peers = new LinkedHashMap<>();
    table.getPeersList().forEach(p -> peers.put(p.getWireguardPublicKey(), p));
    Map<String, FlowRule> rules = new LinkedHashMap<>();
    table.getRulesList().forEach(r -> rules.put(r.getRuleId(), r));
    delta.getRemovedPeerKeysList().forEach(peers::remove);
    delta.getRemovedRuleIdsList().forEach(rules::remove);
    delta.getChangedPeersList().forEach(p -> peers.put(p.getWireguardPublicKey(), p));
    delta.getChangedRulesList().forEach(r -> rules.put(r.getRuleId(), r));
    delta.getAddedPeersList().forEach(p -> peers.put(p.getWireguardPublicKey(), p));
    delta.getAddedRulesList().forEach(r -> rules.put(r.getRuleId(), r));
    return table.toBuilder()
        .setVersion(delta.getToVersion())
        .setPolicyVersion(delta.getPolicyVersion())
        .clearPeers()
        .addAllPeers(peers.values())
        .clearRules()
        .addAllRules(rules.values())
        .build();
  }

  private static GatewayTable snapshot() {
    return GatewayTable.newBuilder()
        .setVersion(7)
        .setPolicyVersion(1)
        .setGatewayName("gw-hq")
        .setCompiledAt(Timestamp.newBuilder().setSeconds(1_750_000_000L))
        .addPeers(peer(CAMERA_KEY, "d-cam", 7, "cameras"))
        .addPeers(peer(SENSOR_KEY, "d-sensor", 8, "sensors"))
        .addRules(
            FlowRule.newBuilder()
                .setRuleId("cams-to-nvr")
                .setAction(Verdict.VERDICT_ALLOW)
                .addFromSegments("cameras")
                .addToPrefixes(prefix(new byte[] {10, 20, 0, 5}, 32))
                .addToServices("nvr")
                .setProtocol(Protocol.PROTOCOL_TCP)
                .addPorts(PortRange.newBuilder().setFirst(554).setLast(554)))
        .build();
  }

  private static AuthorizedPeer peer(ByteString key, String deviceId, int host, String segment) {
    return AuthorizedPeer.newBuilder()
        .setWireguardPublicKey(key)
        .setIdentity(
            Identity.newBuilder()
                .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
                .setName(deviceId)
                .setSpiffeId("spiffe://cordon.local/device/" + deviceId))
        .setOverlayAddress(
            IpAddress.newBuilder()
                .setOctets(ByteString.copyFrom(new byte[] {100, 64, 0, (byte) host})))
        .addSegments(segment)
        .setStatus(DeviceStatus.DEVICE_STATUS_ACTIVE)
        .build();
  }

  private static IpPrefix prefix(byte[] octets, int length) {
    return IpPrefix.newBuilder().setOctets(ByteString.copyFrom(octets)).setLength(length).build();
  }

  private static ByteString key(int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return ByteString.copyFrom(k);
  }
}
