package dev.cordon.lab.store;

import dev.cordon.controller.jobs.SweepContract;
import dev.cordon.controller.store.Store;
import dev.cordon.lab.LabTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader-only expiry sweep on a real one-member etcd: two controllers are two jetcd clients on
 * one key namespace, so the election and the fence are etcd's own transactions.
 */
@LabTest
class EtcdSweepTest extends SweepContract {
  @RegisterExtension static final RunningEtcd etcd = RunningEtcd.withMembers(1);

  @Override
  protected Store openStore(String namespace) {
    return etcd.open(namespace);
  }

  @Override
  protected Store secondController(Store first, String namespace) {
    return openStore(namespace);
  }
}
