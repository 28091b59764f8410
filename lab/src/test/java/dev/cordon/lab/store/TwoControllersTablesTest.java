package dev.cordon.lab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.policy.ApplyOutcome;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.store.EtcdStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.tables.Acknowledgements;
import dev.cordon.controller.tables.GatewayUpdate;
import dev.cordon.controller.tables.Subscriber;
import dev.cordon.controller.tables.TableFeed;
import dev.cordon.controller.tables.TestFleet;
import dev.cordon.lab.EtcdCluster;
import dev.cordon.lab.LabTest;
import dev.cordon.policy.compile.AuthorizedPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers on one real etcd: a policy and registry change made through controller A reaches
 * a gateway watching controller B, with the same version numbers on both, and an acknowledgement
 * recorded through B is what A reports.
 */
@LabTest
class TwoControllersTablesTest {
  @TempDir Path dataDir;

  @Test
  void aChangeMadeThroughOneControllerReachesAGatewayWatchingTheOther() throws Exception {
    Clock clock = Clock.systemUTC();
    EtcdStoreOptions options = EtcdStoreOptions.builder().namespace("/two-controllers").build();
    try (EtcdCluster etcd = EtcdCluster.start(dataDir, 1);
        Store storeA = Store.connectEtcd(etcd.clientEndpoints(), options);
        Store storeB = Store.connectEtcd(etcd.clientEndpoints(), options);
        TableFeed feedA = TableFeed.start(storeA, clock);
        TableFeed feedB = TableFeed.start(storeB, clock)) {
      TestFleet throughA = new TestFleet(storeA, clock);
      Policies policiesA = new Policies(storeA, clock, new AuditLog(storeA, clock, "a"));
      Queue onB = new Queue();
      feedB.watchGateway("hq", 0, onB);
      assertTrue(onB.next() instanceof GatewayUpdate.Snapshot, "B starts its gateway off whole");

      assertTrue(policiesA.apply("alice", TestFleet.POLICY, "", 0) instanceof ApplyOutcome.Applied);
      GatewayUpdate.Delta rules = (GatewayUpdate.Delta) onB.next();
      assertEquals(1, rules.policyVersion());
      assertTrue(!rules.delta().addedRules().isEmpty(), "the rules applied through A");

      throughA.enroll(1, "camera");
      GatewayUpdate.Delta enrolled = (GatewayUpdate.Delta) onB.next();
      assertEquals(rules.version(), enrolled.delta().fromVersion());
      assertEquals(
          List.of("dev-1"),
          enrolled.delta().addedPeers().stream().map(AuthorizedPeer::deviceId).toList());

      throughA.registry().revoke("alice", "dev-1", "stolen");
      GatewayUpdate.Delta revoked = (GatewayUpdate.Delta) onB.next();
      assertEquals(List.of("dev-1"), revoked.delta().removedPeers());

      assertTrue(feedA.awaitRevision(revoked.version(), Duration.ofSeconds(10)));
      assertEquals(
          feedB.targetVersion("hq"),
          feedA.targetVersion("hq"),
          "both controllers give the table the same version");
      new Acknowledgements(storeB, clock, "b").record("hq", revoked.version(), null, null);
      assertEquals(
          revoked.version(),
          new Acknowledgements(storeA, clock, "a").find("hq").orElseThrow().version());
    }
  }

  private static final class Queue implements Subscriber<GatewayUpdate> {
    private final LinkedBlockingQueue<GatewayUpdate> updates = new LinkedBlockingQueue<>();

    @Override
    public void update(GatewayUpdate update) {
      updates.add(update);
    }

    GatewayUpdate next() throws InterruptedException {
      GatewayUpdate u = updates.poll(15, TimeUnit.SECONDS);
      assertNotNull(u, "no update within 15 s");
      return u;
    }
  }
}
