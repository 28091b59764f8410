package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.policy.PolicyDevices;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.StatusConflictException;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.policy.compile.DeviceTable;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.compile.PolicyCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: for any sequence of registry and policy changes, a subscriber that applies every delta
 * to its snapshot holds exactly the table a fresh compilation of the store gives, after every step.
 */
class DeltaReplayPropertyTest {
  private static final List<String> TYPES = List.of("camera", "thermostat", "lock");
  private static final List<String> GATEWAYS = List.of("hq", "plant");
  private static final List<String> WATCHED_DEVICES = List.of("dev-1", "dev-2", "dev-3");
  private static final int STEPS = 30;

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42})
  void deltasAppliedToTheSnapshotEqualTheNextSnapshot(long seed) throws Exception {
    Random random = new Random(seed);
    Clock clock = Clock.systemUTC();
    try (Store store = Store.openSqlite(dir.resolve("s" + seed), SqliteStoreOptions.DEFAULT)) {
      TestFleet fleet = new TestFleet(store, clock);
      Policies policies = new Policies(store, clock, new AuditLog(store, clock, "t"));
      policies.apply("a", TestFleet.POLICY, "", 0);
      try (TableFeed feed = TableFeed.start(store, clock)) {
        Map<String, Held<GatewayUpdate, GatewayTable>> gateways = new HashMap<>();
        for (String g : GATEWAYS) {
          Held<GatewayUpdate, GatewayTable> h = new Held<>();
          feed.watchGateway(g, 0, h);
          gateways.put(g, h);
        }
        Map<String, Held<DeviceUpdate, DeviceTable>> devices = new HashMap<>();
        for (String d : WATCHED_DEVICES) {
          Held<DeviceUpdate, DeviceTable> h = new Held<>();
          feed.syncDevice(d, 0, h);
          devices.put(d, h);
        }
        for (var h : gateways.values()) h.awaitSnapshot();
        for (var h : devices.values()) h.awaitSnapshot();
        List<String> enrolled = new ArrayList<>();
        int[] enrollments = {0};
        for (int step = 0; step < STEPS; step++) {
          change(random, fleet, policies, enrolled, enrollments);
          assertTrue(feed.awaitRevision(store.currentRevision(), Duration.ofSeconds(10)));
          PolicyCompiler expected = compileFromScratch(store, policies);
          for (String g : GATEWAYS) {
            GatewayTable replayed = gateways.get(g).replay(TableReplay::apply);
            assertSameContent(expected.gatewayTable(g), replayed, "seed " + seed + " step " + step);
          }
          for (String d : WATCHED_DEVICES) {
            DeviceTable replayed = devices.get(d).replay(TableReplay::apply);
            DeviceTable want = expected.deviceTable(d).orElse(new DeviceTable(d, 0, Map.of()));
            assertEquals(want.peers(), replayed.peers(), "device " + d + " at step " + step);
          }
        }
      }
    }
  }

  private static void change(
      Random random, TestFleet fleet, Policies policies, List<String> enrolled, int[] enrollments) {
    int pick = random.nextInt(10);
    if (enrolled.isEmpty() || pick < 3) {
      int n = ++enrollments[0];
      fleet.enroll(n, TYPES.get(random.nextInt(TYPES.size())));
      enrolled.add("dev-" + n);
      return;
    }
    String id = enrolled.get(random.nextInt(enrolled.size()));
    try {
      switch (pick) {
        case 3 -> fleet.relabel(id, TYPES.get(random.nextInt(TYPES.size())));
        case 4 -> fleet.registry().quarantine("a", id, "test");
        case 5 -> fleet.registry().release("a", id, "test");
        case 6 -> fleet.registry().revoke("a", id, "test");
        case 7 -> {
          fleet.registry().deleteDevice("a", id);
          enrolled.remove(id);
        }
        case 8 -> policies.apply("a", variant(random), "", 0);
        default -> policies.apply("a", newPorts(policies), "", 0);
      }
    } catch (StatusConflictException e) {
      // a transition the device's status does not allow: no change, still a valid step
    }
  }

  private static String variant(Random random) {
    String doc = TestFleet.POLICY;
    if (random.nextBoolean()) doc = doc.replace("from: [thermostats]", "from: [cameras]");
    if (random.nextBoolean()) doc = doc.replace("match: type=camera", "match: type=lock");
    if (random.nextBoolean()) doc = doc.replace("relay: true", "relay: false");
    return doc;
  }

  /** The current document with the hvac port moved: only rules change, every peer stays. */
  private static String newPorts(Policies policies) {
    String doc = policies.current().orElseThrow().source();
    return doc.contains("ports: [502]")
        ? doc.replace("ports: [502]", "ports: [503]")
        : doc.replace("ports: [503]", "ports: [502]");
  }

  private static PolicyCompiler compileFromScratch(Store store, Policies policies) {
    List<dev.cordon.policy.registry.DeviceRecord> all = new ArrayList<>();
    store
        .range("/devices/")
        .kvs()
        .forEach(kv -> all.add(PolicyDevices.of(DeviceRecord.decode(kv.value()))));
    return PolicyCompiler.compile(Policies.parse(policies.get(0)), all);
  }

  static void assertSameContent(GatewayTable want, GatewayTable got, String where) {
    assertEquals(want.peers(), got.peers(), "peers of " + want.gateway() + " at " + where);
    assertEquals(
        byId(want.rules()), byId(got.rules()), "rules of " + want.gateway() + " at " + where);
  }

  private static Map<String, FlowRule> byId(List<FlowRule> rules) {
    return rules.stream().collect(Collectors.toMap(FlowRule::id, r -> r));
  }

  /** A subscriber that keeps every update, replayed on demand. */
  static final class Held<U, T> implements Subscriber<U> {
    private final LinkedBlockingQueue<U> updates = new LinkedBlockingQueue<>();
    private T table;
    private long version = -1;

    private final java.util.concurrent.CountDownLatch first =
        new java.util.concurrent.CountDownLatch(1);

    @Override
    public void update(U update) {
      updates.add(update);
      first.countDown();
    }

    void awaitSnapshot() throws InterruptedException {
      assertTrue(first.await(10, java.util.concurrent.TimeUnit.SECONDS), "a snapshot arrives");
    }

    T replay(java.util.function.BiFunction<T, U, T> apply) {
      U u;
      while ((u = updates.poll()) != null) {
        table = apply.apply(table, u);
        long v = table instanceof GatewayTable g ? g.version() : ((DeviceTable) table).version();
        assertTrue(v > version, "versions only grow: " + version + " then " + v);
        version = v;
      }
      return table;
    }
  }
}
