package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.policy.ApplyOutcome;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayDelta;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new document that changes only rules sends the changed rules and no peers; one that changes the
 * conditions peers' unmet conditions come from re-sends the peers as well.
 */
class RuleChangeDeltaTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private Store store;
  private Policies policies;
  private TableFeed feed;
  private final Recorder<GatewayUpdate> hq = new Recorder<>();

  @BeforeEach
  void open() throws InterruptedException {
    store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    TestFleet fleet = new TestFleet(store, clock);
    policies = new Policies(store, clock, new AuditLog(store, clock, "test"));
    assertTrue(policies.apply("alice", TestFleet.POLICY, "", 0) instanceof ApplyOutcome.Applied);
    fleet.enroll(1, "camera");
    fleet.enroll(2, "camera");
    feed = TableFeed.start(store, clock);
    assertTrue(feed.awaitRevision(store.currentRevision(), Duration.ofSeconds(10)));
    feed.watchGateway("hq", 0, hq);
    assertEquals(2, hq.next(GatewayUpdate.Snapshot.class).table().peers().size());
  }

  @AfterEach
  void close() {
    feed.close();
    store.close();
  }

  @Test
  void aPortChangeSendsTheChangedRuleAndNoPeers() throws Exception {
    String newPorts = TestFleet.POLICY.replace("ports: [443]\n", "ports: [8443]\n");
    policies.apply("bob", newPorts, "video moved port", 1);
    GatewayDelta delta = hq.next(GatewayUpdate.Delta.class).delta();
    assertFalse(delta.changedRules().isEmpty(), "the video and patch rules' ports changed");
    assertTrue(delta.changedPeers().isEmpty(), "no peer changed: " + delta.changedPeers());
    assertTrue(delta.addedPeers().isEmpty() && delta.removedPeers().isEmpty());
    List<FlowRule> now = feed.table("hq").rules();
    delta.changedRules().forEach(r -> assertTrue(now.contains(r), r.id() + " is the new rule"));
  }

  @Test
  void aNewSiteConditionResendsThePeersItConcerns() throws Exception {
    String withSite =
        TestFleet.POLICY.replace(
            "    from: [cameras]\n    to: {services: [video-store]}\n",
            "    from: [cameras]\n    to: {services: [video-store]}\n"
                + "    when: {sites: [plant-floor]}\n");
    assertTrue(policies.apply("bob", withSite, "", 1) instanceof ApplyOutcome.Applied);
    GatewayDelta delta = hq.next(GatewayUpdate.Delta.class).delta();
    assertFalse(delta.changedRules().isEmpty(), "the camera rule gained a condition");
    assertEquals(
        List.of("dev-1", "dev-2"),
        delta.changedPeers().stream().map(AuthorizedPeer::deviceId).sorted().toList(),
        "each camera's unmet conditions must be recomputed");
  }
}
