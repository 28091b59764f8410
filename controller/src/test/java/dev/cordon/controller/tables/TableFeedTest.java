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
import dev.cordon.policy.compile.GatewayDelta;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.registry.DeviceStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFeedTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private Store store;
  private TestFleet fleet;
  private Policies policies;
  private TableFeed feed;

  @BeforeEach
  void open() throws InterruptedException {
    store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    fleet = new TestFleet(store, clock);
    policies = new Policies(store, clock, new AuditLog(store, clock, "test"));
    assertTrue(policies.apply("alice", TestFleet.POLICY, "", 0) instanceof ApplyOutcome.Applied);
    fleet.enroll(1, "camera");
    feed = TableFeed.start(store, clock);
    caughtUp(feed);
  }

  /** Waits until the feed has processed everything written so far. */
  private void caughtUp(TableFeed f) throws InterruptedException {
    assertTrue(f.awaitRevision(store.currentRevision(), Duration.ofSeconds(10)));
  }

  @AfterEach
  void close() {
    feed.close();
    store.close();
  }

  @Test
  void aNewSubscriberGetsTheWholeTableThenADeltaWhenADeviceEnrolls() throws Exception {
    Recorder<GatewayUpdate> hq = new Recorder<>();
    feed.watchGateway("hq", 0, hq);
    GatewayUpdate.Snapshot snapshot = hq.next(GatewayUpdate.Snapshot.class);
    assertEquals(Set.of("dev-1"), snapshot.table().peers().keySet());
    assertEquals(1, snapshot.policyVersion());
    assertFalse(snapshot.table().rules().isEmpty(), "the snapshot carries hq's flow rules");

    fleet.enroll(2, "camera");
    GatewayDelta delta = hq.next(GatewayUpdate.Delta.class).delta();
    assertEquals(snapshot.version(), delta.fromVersion());
    assertEquals(store.currentRevision(), delta.toVersion(), "versions are store revisions");
    assertEquals(
        List.of("dev-2"), delta.addedPeers().stream().map(AuthorizedPeer::deviceId).toList());
    assertTrue(delta.changedPeers().isEmpty() && delta.removedPeers().isEmpty());
  }

  @Test
  void aRevokedDeviceDisappearsFromTheGatewaysAuthorizedPeers() throws Exception {
    Recorder<GatewayUpdate> hq = new Recorder<>();
    feed.watchGateway("hq", 0, hq);
    hq.next(GatewayUpdate.Snapshot.class);

    fleet.registry().revoke("alice", "dev-1", "stolen");
    GatewayUpdate.Delta update = hq.next(GatewayUpdate.Delta.class);
    GatewayDelta delta = update.delta();
    assertEquals(List.of("dev-1"), delta.removedPeers());
    assertEquals(Set.of("dev-1"), update.revokedPeers(), "the removal is named a revocation");
    assertTrue(feed.table("hq").peers().isEmpty(), "the revoked device is no longer a peer");
  }

  @Test
  void aQuarantinedDeviceKeepsOnlyTheQuarantineSegmentsReach() throws Exception {
    Recorder<GatewayUpdate> hq = new Recorder<>();
    Recorder<DeviceUpdate> cam = new Recorder<>();
    feed.watchGateway("hq", 0, hq);
    feed.syncDevice("dev-1", 0, cam);
    hq.next(GatewayUpdate.Snapshot.class);
    DeviceUpdate.Snapshot before = cam.next(DeviceUpdate.Snapshot.class);
    assertEquals(List.of(IpPrefix.parse("10.10.1.20/32")), before.table().peers().get("hq"));
    assertEquals(Set.of("cameras"), before.state().segments());

    fleet.registry().quarantine("alice", "dev-1", "anomaly");
    AuthorizedPeer peer = hq.next(GatewayUpdate.Delta.class).delta().changedPeers().getFirst();
    assertEquals(Set.of("quarantine"), peer.segments());
    assertEquals(DeviceStatus.QUARANTINED, peer.status());
    DeviceUpdate.Delta after = cam.next(DeviceUpdate.Delta.class);
    assertEquals(
        List.of(IpPrefix.parse("10.10.3.10/32")),
        after.delta().changedPeers().get("hq"),
        "the camera may now reach the patch server only");
    assertEquals(Set.of("quarantine"), after.state().orElseThrow().segments());
    assertEquals(DeviceStatus.QUARANTINED, after.state().orElseThrow().status());
  }

  @Test
  void aNewPolicyVersionArrivesAsADeltaWithItsRules() throws Exception {
    Recorder<GatewayUpdate> plant = new Recorder<>();
    fleet.enroll(3, "thermostat");
    caughtUp(feed);
    feed.watchGateway("plant", 0, plant);
    assertEquals(
        Set.of("dev-3"), plant.next(GatewayUpdate.Snapshot.class).table().peers().keySet());

    String noThermostats = TestFleet.POLICY.replace("from: [thermostats]", "from: [cameras]");
    policies.apply("bob", noThermostats, "cameras run the plant now", 1);
    GatewayUpdate.Delta delta = plant.next(GatewayUpdate.Delta.class);
    assertEquals(2, delta.policyVersion());
    assertEquals(
        List.of("dev-1"),
        delta.delta().addedPeers().stream().map(AuthorizedPeer::deviceId).toList());
    assertEquals(List.of("dev-3"), delta.delta().removedPeers());
    assertFalse(delta.delta().changedRules().isEmpty(), "the rule's sender changed");
  }

  @Test
  void aGatewayThatStillHoldsTheCurrentVersionGetsNoSnapshotButLaterDeltas() throws Exception {
    Recorder<GatewayUpdate> first = new Recorder<>();
    Subscription s = feed.watchGateway("hq", 0, first);
    long held = first.next(GatewayUpdate.Snapshot.class).version();
    s.close();

    Recorder<GatewayUpdate> again = new Recorder<>();
    feed.watchGateway("hq", held, again);
    again.assertQuiet();
    fleet.enroll(2, "camera");
    assertEquals(held, again.next(GatewayUpdate.Delta.class).delta().fromVersion());

    Recorder<GatewayUpdate> stale = new Recorder<>();
    feed.watchGateway("hq", held, stale);
    GatewayUpdate.Snapshot snapshot = stale.next(GatewayUpdate.Snapshot.class);
    assertTrue(snapshot.version() > held, "a gateway behind the current table gets a snapshot");
  }

  @Test
  void twoFeedsOnOneStoreServeTheSameTablesAndSeeEachOthersChanges() throws Exception {
    try (TableFeed other = TableFeed.start(store, clock)) {
      Recorder<GatewayUpdate> onOther = new Recorder<>();
      other.watchGateway("hq", 0, onOther);
      GatewayUpdate.Snapshot snapshot = onOther.next(GatewayUpdate.Snapshot.class);

      fleet.registry().revoke("alice", "dev-1", "lost");
      GatewayDelta delta = onOther.next(GatewayUpdate.Delta.class).delta();
      assertEquals(List.of("dev-1"), delta.removedPeers());
      assertTrue(feed.awaitRevision(delta.toVersion(), Duration.ofSeconds(5)));
      assertEquals(
          feed.targetVersion("hq"),
          other.targetVersion("hq"),
          "both controllers label the same table with the same version");
      assertTrue(snapshot.version() < delta.toVersion());
    }
  }

  @Test
  void aSubscriberHoldingAVersionTheFeedHasNotReachedWaitsForItInsteadOfGoingBackwards()
      throws Exception {
    fleet.enroll(2, "camera");
    long held = store.currentRevision(); // as if another controller had sent it already
    // no caughtUp here: the feed may not have reached it, and must not answer with less
    Recorder<GatewayUpdate> hq = new Recorder<>();
    feed.watchGateway("hq", held, hq);
    hq.assertQuiet();
    fleet.enroll(4, "camera");
    GatewayDelta delta = hq.next(GatewayUpdate.Delta.class).delta();
    assertEquals(held, delta.fromVersion());
    assertEquals(
        List.of("dev-4"), delta.addedPeers().stream().map(AuthorizedPeer::deviceId).toList());
  }
}
