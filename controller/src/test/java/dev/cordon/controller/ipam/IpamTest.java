package dev.cordon.controller.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.enroll.Enrolled;
import dev.cordon.controller.enroll.TokenSpec;
import dev.cordon.controller.registry.RegistryListener;
import dev.cordon.controller.testing.Fleet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpamTest {

  @TempDir Path dir;

  @Test
  void sixteenConcurrentEnrollmentsGetSixteenDistinctAddresses() throws Exception {
    try (Fleet fleet = new Fleet(dir)) {
      String token = fleet.tokens().create("admin", TokenSpec.device("cam").withUses(16)).token();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<Enrolled>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Fleet.DeviceKeys keys = Fleet.deviceKeys();
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return fleet.enrollment().enroll(keys.request(token));
                }));
      }
      go.countDown();
      Set<String> addresses = new HashSet<>();
      for (Future<Enrolled> result : results) {
        addresses.add(result.get(60, TimeUnit.SECONDS).overlayAddress().getHostAddress());
      }
      pool.shutdownNow();

      assertEquals(16, addresses.size());
      assertEquals(16, fleet.store.range("/ipam/").kvs().size());
    }
  }

  @Test
  void aFullPoolRefusesTheNextEnrollmentAndNamesThePool() {
    try (Fleet fleet = new Fleet(dir, AddressPool.parse("100.64.0.0/30"), RegistryListener.NONE)) {
      String token = fleet.tokens().create("admin", TokenSpec.device("cam").withUses(3)).token();
      fleet.enrollment().enroll(Fleet.deviceKeys().request(token));
      fleet.enrollment().enroll(Fleet.deviceKeys().request(token));

      PoolExhaustedException full =
          assertThrows(
              PoolExhaustedException.class,
              () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(token)));

      assertEquals(true, full.getMessage().contains("/30"));
    }
  }

  @Test
  void aPoolHandsOutHostsButNeverItsNetworkOrBroadcastAddress() {
    AddressPool pool = AddressPool.parse("100.64.0.0/30");

    assertEquals(2, pool.size());
    assertEquals("100.64.0.1", pool.host(0).getHostAddress());
    assertEquals("100.64.0.2", pool.host(1).getHostAddress());
    assertThrows(IndexOutOfBoundsException.class, () -> pool.host(2));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.parse("100.64.0.1/10"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.parse("fd00::/64"));
  }
}
