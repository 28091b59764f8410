package dev.cordon.lab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.store.EtcdStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.StoreContract;
import dev.cordon.controller.store.StoreException;
import dev.cordon.lab.EtcdCluster;
import dev.cordon.lab.LabTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real three-member etcd cluster on loopback; the client is given every
 * member's endpoint, as a controller in a multi-controller deployment would be.
 */
@LabTest
class EtcdClusterStoreContractTest extends StoreContract {
  @RegisterExtension static final RunningEtcd etcd = RunningEtcd.withMembers(3);

  @Override
  protected Store openStore(String namespace) {
    return etcd.open(namespace);
  }

  @Test
  void theStoreKeepsCommittingWithOneOfThreeMembersKilled(@TempDir Path ownCluster) {
    try (EtcdCluster cluster = EtcdCluster.start(ownCluster, 3);
        Store store3 =
            Store.connectEtcd(
                cluster.clientEndpoints(),
                EtcdStoreOptions.builder()
                    .namespace(namespace)
                    .requestTimeout(Duration.ofSeconds(3))
                    .build())) {
      long before = store3.put("/devices/a", bytes("1"));
      cluster.kill(0);
      long after = commitWithin(store3, Duration.ofSeconds(30));
      assertEquals(
          Optional.of("2"),
          store3.get("/devices/a").map(kv -> kv.valueUtf8()),
          "the write landed on the surviving majority");
      assertTrue(before < after, "and moved the revision on");
    }
  }

  /**
   * Puts until one succeeds: if the killed member led, the survivors elect a new leader first, and
   * a request routed to the dead member fails until the client stops using it.
   */
  private static long commitWithin(Store store, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    StoreException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return store.put("/devices/a", bytes("2"));
      } catch (StoreException e) {
        last = e;
        sleep(Duration.ofMillis(200));
      }
    }
    throw new AssertionError("no commit within " + limit + " after killing one member", last);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
