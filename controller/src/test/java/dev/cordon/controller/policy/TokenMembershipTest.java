package dev.cordon.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.enroll.TokenSpec;
import dev.cordon.controller.testing.Fleet;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.FlowQuery;
import dev.cordon.policy.model.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an enrollment token says (device type, segments) decides policy membership, checked with the
 * documented example policy and the what-if a person runs as {@code cordon policy test}.
 */
class TokenMembershipTest {
  private static final String ADMIN = "spiffe://cordon.local/admin/owner";

  @TempDir Path dir;
  private Fleet fleet;
  private Policies policies;
  private WhatIf whatIf;

  @BeforeEach
  void open() {
    fleet = new Fleet(dir);
    policies = new Policies(fleet.store, fleet.clock, fleet.audit);
    whatIf = new WhatIf(fleet.store, policies, fleet.clock);
  }

  @AfterEach
  void close() {
    fleet.close();
  }

  private static String examplePolicy() throws IOException {
    return Files.readString(Path.of("../docs/examples/policy.yaml"));
  }

  private static TokenSpec deviceToken(String type, List<String> segments) {
    return new TokenSpec(
        PrincipalKind.DEVICE, "", type, Map.of(), segments, TokenSpec.DEFAULT_VALIDITY, 1, false);
  }

  private String enroll(TokenSpec spec) {
    String token = fleet.tokens().create(ADMIN, spec).token();
    return fleet.enrollment().enroll(Fleet.deviceKeys().request(token)).principal().name();
  }

  private WhatIf.Answer videoStore(String deviceId) {
    return whatIf.ask(
        new WhatIf.Question(
            deviceId, new FlowQuery.ToService("video-store"), Protocol.IP_TCP, 443, null));
  }

  @Test
  void aDeviceFromATokenWithOnlyTypeAndSegmentReachesTheVideoStore() throws IOException {
    policies.apply(ADMIN, examplePolicy(), "", 0);
    String id = enroll(deviceToken("camera", List.of("cameras")));
    WhatIf.Answer a = videoStore(id);
    assertEquals(Decision.allow("cameras-to-video-store"), a.decision());
    assertEquals(Set.of("cameras"), a.sourceSegments());
  }

  @Test
  void theTokensTypeAloneMakesTheDeviceMatchTypeSelectors() throws IOException {
    policies.apply(ADMIN, examplePolicy(), "", 0);
    String id = enroll(deviceToken("camera", List.of()));
    assertEquals(Set.of("cameras"), videoStore(id).sourceSegments(), "match: type=camera");
  }

  @Test
  void theTokensSegmentAloneMakesTheDeviceAMember() throws IOException {
    policies.apply(ADMIN, examplePolicy(), "", 0);
    String id = enroll(deviceToken("", List.of("cameras")));
    assertEquals(
        Decision.allow("cameras-to-video-store"), videoStore(id).decision(), "explicit member");
  }

  @Test
  void aTokenNamingASegmentTheCurrentPolicyLacksIsRefusedWithTheDefinedOnes() throws IOException {
    policies.apply(ADMIN, examplePolicy(), "", 0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> fleet.tokens().create(ADMIN, deviceToken("camera", List.of("camras"))));
    assertTrue(e.getMessage().contains("segment 'camras' is not defined"), e.getMessage());
    assertTrue(e.getMessage().contains("cameras, thermostats"), e.getMessage());
  }

  @Test
  void beforeAnyPolicyATokenMayNameAnySegment() {
    String id = enroll(deviceToken("", List.of("printers")));
    assertEquals(List.of("printers"), fleet.registry().device(id).segments());
  }
}
