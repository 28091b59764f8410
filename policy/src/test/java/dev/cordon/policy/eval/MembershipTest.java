package dev.cordon.policy.eval;

import static dev.cordon.policy.registry.DeviceStatus.QUARANTINED;
import static dev.cordon.policy.testing.Fixtures.device;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.registry.DeviceRecord;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an enrollment token said (type, segments) and a device's name count for membership. */
class MembershipTest {
  private final PolicyDocument doc =
      PolicyDocument.builder()
          .segment(Segment.ofSelector("cameras", "type=camera"))
          .segment(Segment.ofSelector("sensors", "type=sensor"))
          .segment(Segment.ofDevices("lab", "sensor-1"))
          .segment(new Segment("vip", Set.of(), java.util.List.of()))
          .build();

  @Test
  void theTokensTypeIsSeenBySelectorsAsTheTypeLabel() {
    DeviceRecord d = device("d-01").tokenType("camera").build();
    assertEquals(Set.of("cameras"), Membership.segmentsOf(doc, d), "type=camera from the token");
  }

  @Test
  void anExplicitTypeLabelWinsOverTheTokensType() {
    DeviceRecord d = device("d-02").tokenType("camera").type("sensor").build();
    assertEquals(Set.of("sensors"), Membership.segmentsOf(doc, d), "the label, not the token");
  }

  @Test
  void aSegmentNamedOnTheTokenMakesTheDeviceAMember() {
    DeviceRecord d = device("d-03").tokenSegment("vip").build();
    assertEquals(Set.of("vip"), Membership.segmentsOf(doc, d), "explicit membership by token");
  }

  @Test
  void aTokenSegmentTheDocumentDoesNotDefineMatchesNothing() {
    DeviceRecord d = device("d-04").tokenSegment("printers").build();
    assertEquals(Set.of(), Membership.segmentsOf(doc, d), "undefined until the policy defines it");
  }

  @Test
  void aDevicesListMatchesTheDeviceByNameAsWellAsById() {
    DeviceRecord byName = device("d-05").name("sensor-1").build();
    DeviceRecord byId = device("sensor-1").name("other").build();
    DeviceRecord neither = device("d-06").name("sensor-2").build();
    assertEquals(Set.of("lab"), Membership.segmentsOf(doc, byName), "listed by name");
    assertEquals(Set.of("lab"), Membership.segmentsOf(doc, byId), "listed by id");
    assertEquals(Set.of(), Membership.segmentsOf(doc, neither), "not listed");
  }

  @Test
  void tokenMembershipDoesNotOutliveQuarantine() {
    DeviceRecord d =
        device("d-07").tokenSegment("vip").tokenType("camera").status(QUARANTINED).build();
    assertEquals(Set.of(), Membership.segmentsOf(doc, d), "no quarantine segment here");
  }
}
