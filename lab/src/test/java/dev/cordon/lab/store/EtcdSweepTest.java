package dev.cordon.lab.store;

import dev.cordon.controller.jobs.SweepContract;
import dev.cordon.controller.store.EtcdStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.lab.EtcdCluster;
import dev.cordon.lab.LabTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader-only expiry sweep on a real one-member etcd: two controllers are two jetcd clients on
 * one key namespace, so the election and the fence are etcd's own transactions.
 */
@LabTest
class EtcdSweepTest extends SweepContract {
  @TempDir static Path etcdDir;
  static EtcdCluster etcd;

  @BeforeAll
  static void startEtcd() {
    etcd = EtcdCluster.start(etcdDir, 1);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected Store openStore(String namespace) {
    return Store.connectEtcd(
        etcd.clientEndpoints(), EtcdStoreOptions.builder().namespace(namespace).build());
  }

  @Override
  protected Store secondController(Store first, String namespace) {
    return openStore(namespace);
  }
}
