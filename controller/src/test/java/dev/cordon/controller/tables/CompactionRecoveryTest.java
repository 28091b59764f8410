package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.GatewayDelta;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionRecoveryTest {
  @TempDir Path dir;

  @Test
  void aWatchThatHitsCompactionReReadsAndDeliversWhatItMissed() throws Exception {
    Clock clock = Clock.systemUTC();
    try (HeldBackStore store =
        new HeldBackStore(Store.openSqlite(dir, SqliteStoreOptions.DEFAULT))) {
      TestFleet fleet = new TestFleet(store, clock);
      new Policies(store, clock, new AuditLog(store, clock, "t"))
          .apply("a", TestFleet.POLICY, "", 0);
      fleet.enroll(1, "camera");
      fleet.enroll(2, "camera");
      try (TableFeed feed = TableFeed.start(store, clock)) {
        assertTrue(feed.awaitRevision(store.currentRevision(), Duration.ofSeconds(10)));
        Recorder<GatewayUpdate> hq = new Recorder<>();
        feed.watchGateway("hq", 0, hq);
        long before = hq.next(GatewayUpdate.Snapshot.class).version();

        store.holdBack();
        fleet.registry().revoke("a", "dev-1", "missed by the watch");
        fleet.enroll(3, "camera");
        hq.assertQuiet();
        store.compactAndBreakWatches();

        GatewayDelta delta = hq.next(GatewayUpdate.Delta.class).delta();
        assertEquals(before, delta.fromVersion());
        assertEquals(List.of("dev-1"), delta.removedPeers());
        assertEquals(
            List.of("dev-3"), delta.addedPeers().stream().map(AuthorizedPeer::deviceId).toList());

        fleet.enroll(4, "camera");
        GatewayDelta after = hq.next(GatewayUpdate.Delta.class).delta();
        assertEquals(delta.toVersion(), after.fromVersion(), "the new watch follows on");
        assertEquals(
            List.of("dev-4"), after.addedPeers().stream().map(AuthorizedPeer::deviceId).toList());
      }
    }
  }
}
