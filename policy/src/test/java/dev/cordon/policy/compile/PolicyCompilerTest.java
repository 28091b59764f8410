package dev.cordon.policy.compile;

import static dev.cordon.policy.testing.Fixtures.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import dev.cordon.policy.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {
  private final DeviceRecord camera =
      device("camera-1").type("camera").address("100.64.0.2").build();
  private final DeviceRecord thermostat =
      device("thermostat-1").type("thermostat").address("100.64.0.3").build();
  private final DeviceRecord lock = device("lock-1").type("lock").address("100.64.0.4").build();

  @Test
  void eachDevicePeersOnlyWithTheGatewaysInFrontOfWhatItMayReach() {
    PolicyCompiler c =
        PolicyCompiler.compile(Fixtures.example(), List.of(camera, thermostat, lock));
    assertEquals(
        Map.of("hq", List.of(IpPrefix.parse("10.10.1.20/32"))),
        c.deviceTable("camera-1").orElseThrow().peers());
    assertEquals(
        Map.of("plant", List.of(IpPrefix.parse("10.20.1.0/24"))),
        c.deviceTable("thermostat-1").orElseThrow().peers());
    assertEquals(Map.of(), c.deviceTable("lock-1").orElseThrow().peers());
    assertEquals(Set.of("camera-1"), c.gatewayTable("hq").peers().keySet());
    assertEquals(Set.of("thermostat-1"), c.gatewayTable("plant").peers().keySet());
    AuthorizedPeer p = c.gatewayTable("hq").peers().get("camera-1");
    assertEquals(Set.of("cameras"), p.segments());
    assertEquals(camera.overlayAddress(), p.overlayAddress());
  }

  @Test
  void theHqTableHoldsItsRulesResolvedToServicePrefixesInOrder() {
    PolicyCompiler c = PolicyCompiler.compile(Fixtures.example(), List.of());
    List<String> ids = c.gatewayTable("hq").rules().stream().map(FlowRule::id).toList();
    assertEquals(
        List.of(
            "nobody-to-hr->service:hr-db",
            "cams-to-video->service:video-store",
            "quarantine-reach->service:patch-server"),
        ids);
    assertEquals(
        List.of("thermostats-to-hvac->service:hvac"),
        c.gatewayTable("plant").rules().stream().map(FlowRule::id).toList());
  }

  @Test
  void revokedAndPendingDevicesAreNeverAuthorizedPeers() {
    PolicyCompiler c =
        PolicyCompiler.compile(
            Fixtures.example(),
            List.of(
                camera.withStatus(DeviceStatus.REVOKED),
                thermostat.withStatus(DeviceStatus.PENDING)));
    assertTrue(c.gatewayTable("hq").peers().isEmpty());
    assertTrue(c.gatewayTable("plant").peers().isEmpty());
    assertTrue(c.deviceTable("camera-1").isEmpty());
  }

  @Test
  void quarantiningADeviceNarrowsItToTheQuarantineSegmentAndReportsTheDelta() {
    PolicyCompiler c = PolicyCompiler.compile(Fixtures.example(), List.of(camera, thermostat));
    long v = c.version();
    Changes ch = c.upsert(camera.withStatus(DeviceStatus.QUARANTINED));
    assertEquals(v + 1, ch.version());
    GatewayDelta hq = ch.gateways().getFirst();
    assertEquals("hq", hq.gateway());
    AuthorizedPeer p = hq.changedPeers().getFirst();
    assertEquals(Set.of("quarantine"), p.segments());
    assertEquals(DeviceStatus.QUARANTINED, p.status());
    assertEquals(
        Map.of("hq", List.of(IpPrefix.parse("10.10.3.10/32"))),
        c.deviceTable("camera-1").orElseThrow().peers());
    assertEquals(1, ch.devices().size(), "only the camera's own table changed");
  }

  @Test
  void revokingADeviceRemovesItsPeerEverywhereAndItsTable() {
    PolicyCompiler c = PolicyCompiler.compile(Fixtures.example(), List.of(camera, thermostat));
    Changes ch = c.upsert(camera.withStatus(DeviceStatus.REVOKED));
    assertEquals(List.of("camera-1"), ch.gateways().getFirst().removedPeers());
    assertTrue(ch.devices().getFirst().tableRemoved());
    assertFalse(c.gatewayTable("hq").peers().containsKey("camera-1"));
  }

  @Test
  void aPostureChangeTouchesOnlyThatDevicesPeerEntry() {
    PolicyCompiler c = PolicyCompiler.compile(Fixtures.example(), List.of(camera, thermostat));
    Changes ch =
        c.upsert(
            device("camera-1")
                .type("camera")
                .address("100.64.0.2")
                .posture("2.1", null, null)
                .build());
    assertEquals(1, ch.gateways().size());
    assertEquals(
        List.of("camera-1"),
        ch.gateways().getFirst().changedPeers().stream().map(AuthorizedPeer::deviceId).toList());
    assertTrue(ch.devices().isEmpty(), "its prefixes did not change");
    assertTrue(
        c.upsert(
                device("camera-1")
                    .type("camera")
                    .address("100.64.0.2")
                    .posture("2.1", null, null)
                    .build())
            .isEmpty());
  }

  @Test
  void deviceToDeviceRulesGiveBothEndsEachOthersAddressOnTheRelay() {
    PolicyDocument doc =
        PolicyDocument.builder()
            .gateway("hq")
            .segment(Segment.ofSelector("cams", "type=camera"))
            .segment(Segment.ofSelector("locks", "type=lock"))
            .rule(Rule.allow("cams-to-locks").from("cams").toSegments("locks"))
            .build();
    PolicyCompiler c = PolicyCompiler.compile(doc, List.of(camera, lock, thermostat));
    assertEquals(
        Map.of("hq", List.of(IpPrefix.parse("100.64.0.4/32"))),
        c.deviceTable("camera-1").orElseThrow().peers());
    assertEquals(
        Map.of("hq", List.of(IpPrefix.parse("100.64.0.2/32"))),
        c.deviceTable("lock-1").orElseThrow().peers());
    assertEquals(Map.of(), c.deviceTable("thermostat-1").orElseThrow().peers());
    // A second camera appears: the lock's table gains its address, nobody else's changes.
    Changes ch = c.upsert(device("camera-2").type("camera").address("100.64.0.5").build());
    assertEquals(
        Set.of("camera-2", "lock-1"),
        Set.copyOf(ch.devices().stream().map(DeviceDelta::deviceId).toList()));
  }

  @Test
  void aNewDocumentCompiledAtAHigherVersionDiffsAgainstTheOldTables() {
    PolicyCompiler old = PolicyCompiler.compile(Fixtures.example(), List.of(camera));
    PolicyDocument stricter =
        PolicyDocument.builder()
            .gateway("hq")
            .gateway("plant")
            .segment(Segment.ofSelector("cameras", "type=camera"))
            .service(Fixtures.example().service("video-store").orElseThrow())
            .rule(Rule.deny("no-video").fromAny().toServices("video-store"))
            .build();
    PolicyCompiler next = PolicyCompiler.compile(stricter, List.of(camera), old.version() + 1);
    GatewayDelta d = GatewayDelta.between(old.gatewayTable("hq"), next.gatewayTable("hq"));
    assertEquals(1, d.fromVersion());
    assertEquals(2, d.toVersion());
    assertEquals(
        List.of("no-video->service:video-store"),
        d.addedRules().stream().map(FlowRule::id).toList());
    assertEquals(3, d.removedRules().size());
    assertEquals(List.of("camera-1"), d.removedPeers(), "nothing left for the camera to reach");
  }
}
