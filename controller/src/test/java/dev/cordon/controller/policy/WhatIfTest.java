package dev.cordon.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.tables.TestFleet;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.eval.FlowQuery;
import dev.cordon.policy.eval.Verdict;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Protocol;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatIfTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private Store store;
  private TestFleet fleet;
  private WhatIf whatIf;

  @BeforeEach
  void open() {
    store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    fleet = new TestFleet(store, clock);
    Policies policies = new Policies(store, clock, new AuditLog(store, clock, "c"));
    policies.apply("alice", TestFleet.POLICY, "", 0);
    whatIf = new WhatIf(store, policies, clock);
    fleet.enroll(1, "camera");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aCameraMayReachTheVideoStoreByTheCameraRule() {
    WhatIf.Answer a = ask("dev-1", new FlowQuery.ToService("video-store"), 443);
    assertEquals(Verdict.ALLOW, a.decision().verdict());
    assertEquals("cams-to-video", a.decision().rule());
    assertEquals(1, a.policyVersion());
    assertEquals(Set.of("cameras"), a.sourceSegments());
    assertEquals("hq", a.gateway());
  }

  @Test
  void aCameraMayNotReachHvacAndTheDefaultDenySaysSo() {
    WhatIf.Answer a = ask("dev-1", new FlowQuery.ToAddress(IpAddress.parse("10.20.1.7")), 502);
    assertEquals(Verdict.DENY, a.decision().verdict());
    assertEquals(DenyReason.NO_MATCHING_RULE, a.decision().reason());
    assertEquals("plant", a.gateway());
  }

  @Test
  void theAnswerFollowsTheLiveRegistry() {
    fleet.registry().quarantine("alice", "dev-1", "anomaly");
    WhatIf.Answer video = ask("dev-1", new FlowQuery.ToService("video-store"), 443);
    assertEquals(DenyReason.QUARANTINED, video.decision().reason());
    WhatIf.Answer patch = ask("dev-1", new FlowQuery.ToService("patch-server"), 443);
    assertEquals("quarantine-reach", patch.decision().rule());
    assertEquals(Set.of("quarantine"), patch.sourceSegments());
  }

  @Test
  void anUnknownDeviceIsNotFound() {
    assertThrows(
        NotFoundException.class, () -> ask("nobody", new FlowQuery.ToService("video-store"), 443));
  }

  private WhatIf.Answer ask(String device, FlowQuery.Destination to, int port) {
    return whatIf.ask(new WhatIf.Question(device, to, Protocol.IP_TCP, port, null));
  }
}
