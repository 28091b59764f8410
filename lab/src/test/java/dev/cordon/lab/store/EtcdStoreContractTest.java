package dev.cordon.lab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.controller.store.EventSink;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.StoreContract;
import dev.cordon.controller.store.Watch;
import dev.cordon.lab.LabTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on a real one-member etcd (Debian's etcd-server on loopback), one cluster for
 * the class and a fresh key namespace per test. Also: two controllers sharing one etcd.
 */
@LabTest
class EtcdStoreContractTest extends StoreContract {
  @RegisterExtension static final RunningEtcd etcd = RunningEtcd.withMembers(1);

  @Override
  protected Store openStore(String namespace) {
    return etcd.open(namespace);
  }

  @Test
  void twoControllersOnOneEtcdSeeEachOthersWritesThroughWatches() {
    try (Store other = openStore(namespace)) {
      EventSink seenByOther = new EventSink();
      EventSink seenByThis = new EventSink();
      long from = store.currentRevision() + 1;
      try (Watch a = other.watch("/devices/", from, seenByOther);
          Watch b = store.watch("/devices/", from, seenByThis)) {
        store.put("/devices/d1", bytes("revoked via controller one"));
        other.put("/devices/d2", bytes("enrolled via controller two"));

        List<String> both =
            List.of(
                "put /devices/d1=revoked via controller one",
                "put /devices/d2=enrolled via controller two");
        assertEquals(
            both,
            describe(seenByOther.take(2, WAIT)),
            "the second controller's watch saw the first one's write, in order");
        assertEquals(
            both, describe(seenByThis.take(2, WAIT)), "and the first saw the second one's");
      }
      assertEquals(
          "enrolled via controller two", store.get("/devices/d2").orElseThrow().valueUtf8());
    }
  }

  @Test
  void storesInDifferentNamespacesDoNotSeeEachOther() {
    try (Store elsewhere = openStore(namespace + "-other")) {
      elsewhere.put("/devices/d1", bytes("another deployment"));
      assertEquals(List.of(), store.range("").kvs(), "nothing leaks across namespaces");
      assertEquals(1, elsewhere.range("").kvs().size());
    }
  }
}
