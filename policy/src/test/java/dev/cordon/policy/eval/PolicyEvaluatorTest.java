package dev.cordon.policy.eval;

import static dev.cordon.policy.testing.Fixtures.device;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.PostureCondition;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.model.VersionRange;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import dev.cordon.policy.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  /** Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1). */
  private static final Instant MONDAY_10_BERLIN = Instant.parse("2026-03-02T09:00:00Z");

  private final DeviceRecord camera = device("camera-1").type("camera").build();
  private final DeviceRecord thermostat = device("thermostat-1").type("thermostat").build();
  private final DeviceRecord lock = device("lock-1").type("lock").build();
  private final PolicyEvaluator example =
      new PolicyEvaluator(Fixtures.example(), List.of(camera, thermostat, lock));

  private Decision ask(PolicyEvaluator e, DeviceRecord d, String service, int port, Instant t) {
    return e.decide(FlowQuery.from(d).toService(service).tcp(port).at(t).build());
  }

  @Test
  void aCameraReachesTheVideoStoreByItsRule() {
    assertEquals(
        Decision.allow("cams-to-video"),
        ask(example, camera, "video-store", 443, MONDAY_10_BERLIN));
  }

  @Test
  void aCameraOnAPortTheServiceDoesNotOfferIsDeniedByDefault() {
    assertEquals(
        Decision.defaultDeny(DenyReason.NO_MATCHING_RULE),
        ask(example, camera, "video-store", 22, MONDAY_10_BERLIN));
  }

  @Test
  void nobodyReachesHrAndTheDenyRuleIsNamed() {
    for (DeviceRecord d : List.of(camera, thermostat, lock)) {
      assertEquals(
          Decision.deny(DenyReason.EXPLICIT_DENY, "nobody-to-hr"),
          ask(example, d, "hr-db", 5432, MONDAY_10_BERLIN));
    }
  }

  @Test
  void aDeviceNoRuleMentionsIsDeniedByDefault() {
    assertEquals(
        Decision.defaultDeny(DenyReason.NO_MATCHING_RULE),
        ask(example, lock, "video-store", 443, MONDAY_10_BERLIN));
  }

  @Test
  void anAddressNoServiceOrDeviceHoldsIsAnUnknownDestination() {
    FlowQuery q =
        FlowQuery.from(camera)
            .toAddress(IpAddress.parse("192.0.2.9"))
            .tcp(443)
            .at(MONDAY_10_BERLIN)
            .build();
    assertEquals(Decision.defaultDeny(DenyReason.UNKNOWN_DESTINATION), example.decide(q));
  }

  @Test
  void denyWinsOverAnAllowRuleWhateverTheOrder() {
    Service video =
        Service.of("video", "hq", "10.0.0.5", Protocol.TCP, PortSet.of(PortRange.of(443)));
    for (boolean denyFirst : new boolean[] {true, false}) {
      var b =
          PolicyDocument.builder()
              .gateway("hq")
              .segment(Segment.ofSelector("cams", "type=camera"))
              .service(video);
      Rule allow = Rule.allow("cams-video").from("cams").toServices("video").build();
      Rule deny = Rule.deny("no-video").fromAny().toServices("video").port(443).build();
      if (denyFirst) b.rule(deny).rule(allow);
      else b.rule(allow).rule(deny);
      PolicyEvaluator e = new PolicyEvaluator(b.build(), List.of(camera));
      assertEquals(
          Decision.deny(DenyReason.EXPLICIT_DENY, "no-video"),
          ask(e, camera, "video", 443, MONDAY_10_BERLIN));
    }
  }

  @Test
  void thermostatsReachHvacOnlyInWorkingHoursInBerlin() {
    assertEquals(
        Decision.allow("thermostats-to-hvac"),
        ask(example, thermostat, "hvac", 502, MONDAY_10_BERLIN));
    // 18:30 CET on the same Monday.
    assertEquals(
        Decision.deny(DenyReason.OUTSIDE_TIME_WINDOW, "thermostats-to-hvac"),
        ask(example, thermostat, "hvac", 502, Instant.parse("2026-03-02T17:30:00Z")));
    // Saturday 10:00.
    assertEquals(
        Decision.deny(DenyReason.OUTSIDE_TIME_WINDOW, "thermostats-to-hvac"),
        ask(example, thermostat, "hvac", 8085, Instant.parse("2026-03-07T09:00:00Z")));
  }

  @Test
  void theWindowFollowsTheZonesSummerTime() {
    // 07:30 UTC is 08:30 in Berlin in winter (inside) but 09:30 in summer (inside too);
    // 06:30 UTC is 07:30 in winter (outside) and 08:30 in summer (inside).
    assertEquals(
        DenyReason.OUTSIDE_TIME_WINDOW,
        ask(example, thermostat, "hvac", 502, Instant.parse("2026-03-02T06:30:00Z")).reason());
    assertEquals(
        Decision.allow("thermostats-to-hvac"),
        ask(example, thermostat, "hvac", 502, Instant.parse("2026-07-06T06:30:00Z")));
    // 16:30 UTC in summer is 18:30 in Berlin: outside.
    assertEquals(
        DenyReason.OUTSIDE_TIME_WINDOW,
        ask(example, thermostat, "hvac", 502, Instant.parse("2026-07-06T16:30:00Z")).reason());
  }

  @Test
  void postureRangesAreInclusiveBelowAndExclusiveAbove() {
    Service video = Service.of("video", "hq", "10.0.0.5", Protocol.TCP, PortSet.ANY);
    PolicyDocument doc =
        PolicyDocument.builder()
            .gateway("hq")
            .segment(Segment.ofSelector("cams", "type=camera"))
            .service(video)
            .rule(
                Rule.allow("patched-cams")
                    .from("cams")
                    .toServices("video")
                    .posture(
                        new PostureCondition(
                            VersionRange.of("2.0", "3.0"),
                            VersionRange.of("5.10", null),
                            java.time.LocalDate.parse("2026-01-01"))))
            .build();
    record Case(String firmware, String os, String patch, DenyReason expected) {}
    for (Case c :
        List.of(
            new Case("2.0", "5.10", "2026-01-01", null),
            new Case("2.9.9", "6.1", "2026-02-01", null),
            new Case("3.0", "6.1", "2026-02-01", DenyReason.POSTURE_FAILED),
            new Case("1.9.9", "6.1", "2026-02-01", DenyReason.POSTURE_FAILED),
            new Case("2.5", "5.9.99", "2026-02-01", DenyReason.POSTURE_FAILED),
            new Case("2.5", "5.10", "2025-12-31", DenyReason.POSTURE_FAILED),
            new Case(null, "5.10", "2026-01-01", DenyReason.POSTURE_FAILED))) {
      DeviceRecord d = device("cam").type("camera").posture(c.firmware, c.os, c.patch).build();
      Decision got = ask(new PolicyEvaluator(doc, List.of(d)), d, "video", 443, MONDAY_10_BERLIN);
      assertEquals(
          c.expected == null
              ? Decision.allow("patched-cams")
              : Decision.deny(c.expected, "patched-cams"),
          got,
          c.toString());
    }
  }

  @Test
  void aSelectorNeedsEveryPairToMatch() {
    Segment hqCams = Segment.ofSelector("hq-cams", "type=camera, site=hq");
    DeviceRecord hq = device("a").type("camera").label("site", "hq").build();
    DeviceRecord plant = device("b").type("camera").label("site", "plant").build();
    DeviceRecord untyped = device("c").label("site", "hq").build();
    PolicyDocument doc = PolicyDocument.builder().segment(hqCams).build();
    assertEquals(java.util.Set.of("hq-cams"), Membership.segmentsOf(doc, hq));
    assertEquals(java.util.Set.of(), Membership.segmentsOf(doc, plant));
    assertEquals(java.util.Set.of(), Membership.segmentsOf(doc, untyped));
  }

  @Test
  void aSiteConditionDeniesADeviceReportingAnotherSite() {
    PolicyDocument doc =
        PolicyDocument.builder()
            .gateway("hq")
            .segment(Segment.ofSelector("cams", "type=camera"))
            .service(Service.of("video", "hq", "10.0.0.5", Protocol.TCP, PortSet.ANY))
            .rule(Rule.allow("hq-only").from("cams").toServices("video").sites("hq"))
            .build();
    DeviceRecord atHq = device("a").type("camera").site("hq").build();
    DeviceRecord away = device("b").type("camera").site("plant").build();
    PolicyEvaluator e = new PolicyEvaluator(doc, List.of(atHq, away));
    assertEquals(Decision.allow("hq-only"), ask(e, atHq, "video", 80, MONDAY_10_BERLIN));
    assertEquals(
        Decision.deny(DenyReason.LOCATION_MISMATCH, "hq-only"),
        ask(e, away, "video", 80, MONDAY_10_BERLIN));
  }

  @Test
  void aQuarantinedDeviceReachesOnlyThePatchServer() {
    DeviceRecord q = device("camera-1").type("camera").status(DeviceStatus.QUARANTINED).build();
    PolicyEvaluator e = new PolicyEvaluator(Fixtures.example(), List.of(q));
    assertEquals(
        Decision.allow("quarantine-reach"), ask(e, q, "patch-server", 443, MONDAY_10_BERLIN));
    assertEquals(
        Decision.defaultDeny(DenyReason.QUARANTINED),
        ask(e, q, "video-store", 443, MONDAY_10_BERLIN));
    assertEquals(
        Decision.deny(DenyReason.EXPLICIT_DENY, "nobody-to-hr"),
        ask(e, q, "hr-db", 5432, MONDAY_10_BERLIN));
  }

  @Test
  void revokedPendingAndUnknownSendersHaveTheirOwnReasons() {
    assertEquals(
        Decision.defaultDeny(DenyReason.REVOKED),
        ask(
            example,
            camera.withStatus(DeviceStatus.REVOKED),
            "video-store",
            443,
            MONDAY_10_BERLIN));
    assertEquals(
        Decision.defaultDeny(DenyReason.PENDING_APPROVAL),
        ask(
            example,
            camera.withStatus(DeviceStatus.PENDING),
            "video-store",
            443,
            MONDAY_10_BERLIN));
    assertEquals(
        Decision.defaultDeny(DenyReason.UNKNOWN_SOURCE),
        ask(example, null, "video-store", 443, MONDAY_10_BERLIN));
  }

  @Test
  void deviceToDeviceFlowsFollowSegmentRules() {
    DeviceRecord hub = device("hub-1").type("hub").build();
    PolicyDocument doc =
        PolicyDocument.builder()
            .gateway("hq")
            .segment(Segment.ofSelector("cams", "type=camera"))
            .segment(Segment.ofSelector("hubs", "type=hub"))
            .rule(
                Rule.allow("cams-to-hubs")
                    .from("cams")
                    .toSegments("hubs")
                    .protocol(Protocol.UDP)
                    .port(5000))
            .build();
    PolicyEvaluator e = new PolicyEvaluator(doc, List.of(camera, hub));
    assertEquals(
        Decision.allow("cams-to-hubs"),
        e.decide(FlowQuery.from(camera).toDevice("hub-1").udp(5000).at(MONDAY_10_BERLIN).build()));
    assertEquals(
        Decision.defaultDeny(DenyReason.NO_MATCHING_RULE),
        e.decide(FlowQuery.from(hub).toDevice("camera-1").udp(5000).at(MONDAY_10_BERLIN).build()));
    assertEquals(
        Decision.allow("cams-to-hubs"),
        e.decide(
            FlowQuery.from(camera).toAddress(hub.overlayAddress()).udp(5000).via("hq").build()));
  }
}
