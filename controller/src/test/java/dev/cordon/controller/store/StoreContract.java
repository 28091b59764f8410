package dev.cordon.controller.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} must have. A subclass supplies stores; the tests never assume
 * revisions start at 1 or move by exactly one between tests (etcd's revision is cluster-wide), only
 * what each operation returns.
 */
public abstract class StoreContract {
  /** Generous for a loaded 2-core machine; passing tests return as soon as events arrive. */
  protected static final Duration WAIT = Duration.ofSeconds(15);

  protected Store store;
  protected String namespace;

  /**
   * A store on state no other test sees: for SQLite a new directory named after {@code namespace},
   * for etcd a client whose key namespace is {@code namespace}. Two calls with one namespace must
   * give two handles on the same state where the implementation supports it.
   */
  protected abstract Store openStore(String namespace);

  @BeforeEach
  void openFreshStore() {
    namespace = "/contract-" + UUID.randomUUID();
    store = openStore(namespace);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aPutKeyReadsBackWithItsCreateAndModRevisionAndVersion() {
    assertEquals(Optional.empty(), store.get("/devices/a"), "nothing is there before the put");
    long first = store.put("/devices/a", bytes("one"));
    long second = store.put("/devices/a", bytes("two"));

    KeyValue kv = store.get("/devices/a").orElseThrow();
    assertEquals("two", kv.valueUtf8());
    assertEquals(first, kv.createRevision(), "creation happened at the first put");
    assertEquals(second, kv.modRevision(), "the last change was the second put");
    assertEquals(2, kv.version(), "two changes since creation");
    assertTrue(second > first, "each change moves the revision forward");
    assertEquals(second, store.currentRevision());
  }

  @Test
  void aRangeReturnsOnlyKeysUnderThePrefixInKeyOrderWithTheRevisionItWasReadAt() {
    store.put("/devices/b", bytes("b"));
    store.put("/devices/a", bytes("a"));
    store.put("/devicesX", bytes("sibling, not a child"));
    long last = store.put("/gateways/g", bytes("g"));

    Range range = store.range("/devices/");
    assertEquals(List.of("/devices/a", "/devices/b"), keys(range.kvs()));
    assertEquals(last, range.revision(), "read at the latest revision");
    assertEquals(4, store.range("").kvs().size(), "the empty prefix covers every key");
  }

  @Test
  void aTransactionRunsItsThenBranchOnlyWhenEveryCompareHolds() {
    long created = store.put("/tokens/t", bytes("unused"));

    TxnResult stale =
        store
            .txn()
            .when(Compare.modRevision("/tokens/t", created - 1))
            .then(Op.put("/tokens/t", "used"))
            .otherwise(Op.put("/audit/refused", "stale read"))
            .commit();
    assertFalse(stale.succeeded(), "the compare named an old revision");
    assertEquals("unused", value("/tokens/t"), "the then-branch did not run");
    assertEquals("stale read", value("/audit/refused"), "the else-branch ran");

    TxnResult fresh =
        store
            .txn()
            .when(
                Compare.modRevision("/tokens/t", created),
                Compare.value("/tokens/t", bytes("unused")))
            .then(Op.put("/tokens/t", "used"))
            .commit();
    assertTrue(fresh.succeeded());
    assertEquals("used", value("/tokens/t"));
    assertEquals(fresh.revision(), store.get("/tokens/t").orElseThrow().modRevision());
  }

  @Test
  void aTransactionAppliesAllItsWritesAtOneRevision() {
    store.put("/devices/old", bytes("x"));
    TxnResult result =
        store
            .txn()
            .then(Op.put("/devices/a", "a"), Op.put("/devices/b", "b"), Op.delete("/devices/old"))
            .commit();

    assertEquals(result.revision(), store.get("/devices/a").orElseThrow().modRevision());
    assertEquals(result.revision(), store.get("/devices/b").orElseThrow().modRevision());
    assertEquals(Optional.empty(), store.get("/devices/old"));
    assertEquals(result.revision(), store.currentRevision(), "one revision for the whole txn");
  }

  @Test
  void aTransactionThatChangesNothingLeavesTheRevisionAlone() {
    long before = store.put("/k", bytes("v"));
    TxnResult result = store.txn().when(Compare.absent("/k")).then(Op.put("/k", "again")).commit();
    assertFalse(result.succeeded(), "the key exists, so absent() does not hold");
    assertEquals(before, result.revision());
    assertEquals(before, store.currentRevision());
  }

  @Test
  void existenceAndValueComparesJudgeAMissingKeyLikeEtcd() {
    assertFalse(store.txn().when(Compare.exists("/nobody")).commit().succeeded());
    assertTrue(store.txn().when(Compare.absent("/nobody")).commit().succeeded());
    assertFalse(
        store.txn().when(Compare.value("/nobody", new byte[0])).commit().succeeded(),
        "a value compare on a missing key never holds, even against empty bytes");
    assertTrue(store.txn().when(Compare.modRevision("/nobody", 0)).commit().succeeded());
  }

  @Test
  void deletePrefixRemovesEveryKeyUnderThePrefixAndNothingElse() {
    store.put("/segments/a/1", bytes("1"));
    store.put("/segments/a/2", bytes("2"));
    store.put("/segments/ab", bytes("keep"));
    store.txn().then(Op.deletePrefix("/segments/a/")).commit();

    assertEquals(List.of("/segments/ab"), keys(store.range("/segments/").kvs()));
  }

  @Test
  void sixteenConcurrentCompareAndSetsOnOneKeyProduceExactlyOneWinner() throws Exception {
    long seen = store.put("/tokens/single-use", bytes("unused"));
    int contenders = 16;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      String device = "device-" + i;
      attempts.add(
          () -> {
            start.await();
            return store
                .txn()
                .when(Compare.modRevision("/tokens/single-use", seen))
                .then(
                    Op.put("/tokens/single-use", device), Op.put("/devices/" + device, "enrolled"))
                .commit()
                .succeeded();
          });
    }
    List<Boolean> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
      List<Future<Boolean>> futures = attempts.stream().map(pool::submit).toList();
      start.countDown();
      for (Future<Boolean> f : futures) {
        outcomes.add(f.get());
      }
    }

    assertEquals(1, outcomes.stream().filter(won -> won).count(), "exactly one redemption wins");
    List<KeyValue> devices = store.range("/devices/").kvs();
    assertEquals(1, devices.size(), "exactly one device exists");
    assertEquals(
        devices.getFirst().key(),
        "/devices/" + value("/tokens/single-use"),
        "the token names the device that won");
  }

  @Test
  void aWatchFromAPastRevisionDeliversEveryEventInOrder() {
    long first = store.put("/devices/a", bytes("1"));
    store.put("/devices/b", bytes("2"));
    store.put("/other/x", bytes("not watched"));
    store.put("/devices/a", bytes("3"));
    store.delete("/devices/b");
    store.txn().then(Op.put("/devices/c", "4"), Op.put("/devices/d", "5")).commit();

    EventSink sink = new EventSink();
    try (Watch watch = store.watch("/devices/", first, sink)) {
      List<String> got = describe(sink.take(6, WAIT));
      assertEquals(
          List.of(
              "put /devices/a=1",
              "put /devices/b=2",
              "put /devices/a=3",
              "delete /devices/b",
              "put /devices/c=4",
              "put /devices/d=5"),
          got);
      store.put("/devices/e", bytes("6"));
      assertEquals(List.of("put /devices/e=6"), describe(sink.take(1, WAIT)), "then live events");
      assertEquals(List.of(), sink.drain(Duration.ofMillis(200)), "and nothing else");
    }
  }

  @Test
  void watchEventsCarryTheRevisionOfTheirChange() {
    long start = store.currentRevision() + 1;
    EventSink sink = new EventSink();
    try (Watch watch = store.watch("/k", start, sink)) {
      long put = store.put("/k", bytes("v"));
      long deleted = store.delete("/k");
      List<WatchEvent> events = sink.take(2, WAIT);
      assertEquals(put, assertInstanceOf(WatchEvent.Put.class, events.get(0)).revision());
      assertEquals(deleted, assertInstanceOf(WatchEvent.Delete.class, events.get(1)).revision());
    }
  }

  @Test
  void aWatchAfterCompactionYieldsCompactedAndAReReadPlusReWatchSkipsNothing() {
    long first = store.put("/devices/a", bytes("1"));
    store.put("/devices/b", bytes("2"));
    long third = store.put("/devices/a", bytes("3"));
    store.compact(third);

    EventSink stale = new EventSink();
    try (Watch watch = store.watch("/devices/", first, stale)) {
      WatchEvent.Compacted compacted =
          assertInstanceOf(WatchEvent.Compacted.class, stale.next(WAIT), "history is gone");
      assertTrue(compacted.compactRevision() >= third, "reports how far history was compacted");
    }

    Range reread = store.range("/devices/");
    assertEquals(List.of("/devices/a", "/devices/b"), keys(reread.kvs()));
    store.put("/devices/c", bytes("between the read and the watch"));
    EventSink resumed = new EventSink();
    try (Watch watch = store.watch("/devices/", reread.revision() + 1, resumed)) {
      store.delete("/devices/a");
      assertEquals(
          List.of("put /devices/c=between the read and the watch", "delete /devices/a"),
          describe(resumed.take(2, WAIT)));
    }
  }

  @Test
  void compactingTwiceIsHarmlessButCompactingTheFutureIsRefused() {
    long revision = store.put("/k", bytes("v"));
    store.compact(revision);
    store.compact(revision);
    store.compact(revision - 1);
    assertThrows(IllegalArgumentException.class, () -> store.compact(revision + 1_000_000));
    assertEquals("v", value("/k"), "compaction keeps current values");
  }

  @Test
  void leaseExpiryDeletesItsKeysAndNotifiesWatchers() {
    Lease lease = store.grantLease(Duration.ofSeconds(1));
    store.commit(
        new TxnRequest(
            List.of(), List.of(Op.put("/presence/gw1", bytes("up"), lease.id())), List.of()));
    store.put("/presence/gw2", bytes("no lease"));
    EventSink sink = new EventSink();
    try (Watch watch = store.watch("/presence/", store.currentRevision() + 1, sink)) {
      WatchEvent.Delete gone = assertInstanceOf(WatchEvent.Delete.class, sink.next(WAIT));
      assertEquals("/presence/gw1", gone.key(), "the leased key vanished when the lease expired");
    }
    assertEquals(Optional.empty(), store.get("/presence/gw1"));
    assertEquals("no lease", value("/presence/gw2"), "keys without the lease stay");
    assertFalse(store.keepAlive(lease.id()), "an expired lease cannot be renewed");
  }

  @Test
  void revokingALeaseDeletesItsKeysAtOnceAndRevokingAgainIsHarmless() {
    Lease lease = store.grantLease(Duration.ofSeconds(60));
    assertTrue(store.keepAlive(lease.id()), "a live lease renews");
    store.commit(
        new TxnRequest(List.of(), List.of(Op.put("/locks/a", bytes("x"), lease.id())), List.of()));
    assertEquals(lease.id(), store.get("/locks/a").orElseThrow().lease());

    store.revoke(lease.id());
    assertEquals(Optional.empty(), store.get("/locks/a"));
    store.revoke(lease.id());
    assertFalse(store.keepAlive(lease.id()));
  }

  @Test
  void aPutWithAnUnknownLeaseIsRefusedAndAppliesNothing() {
    Lease lease = store.grantLease(Duration.ofSeconds(60));
    store.revoke(lease.id());
    TxnRequest request =
        new TxnRequest(
            List.of(),
            List.of(Op.put("/a", bytes("x")), Op.put("/b", bytes("y"), lease.id())),
            List.of());
    assertThrows(LeaseNotFoundException.class, () -> store.commit(request));
    assertEquals(Optional.empty(), store.get("/a"), "the transaction is all or nothing");
  }

  @Test
  void aFencedWriteFromAStaleLeaderFails() {
    LeaderElection a =
        new LeaderElection(store, "/leader/sweeper", "controller-a", Duration.ofSeconds(30));
    LeaderElection b =
        new LeaderElection(store, "/leader/sweeper", "controller-b", Duration.ofSeconds(30));
    LeaderTerm termA = a.tryAcquire().orElseThrow();
    assertEquals(Optional.empty(), b.tryAcquire(), "one leader at a time");

    // A pauses past its lease: here the lease ends by revocation, which is what expiry does.
    store.revoke(termA.leaseId());
    LeaderTerm termB = b.tryAcquire().orElseThrow();
    assertEquals(Optional.of("controller-b"), b.leader());

    TxnRequest sweep =
        new TxnRequest(List.of(), List.of(Op.put("/sweeps/last", "by a")), List.of());
    TxnResult stale = a.commitAsLeader(termA, sweep);
    assertFalse(stale.succeeded(), "A's term is over, so its fence fails");
    assertFalse(a.holds(termA));
    assertEquals(Optional.empty(), store.get("/sweeps/last"), "A's write did not land");

    TxnRequest current =
        new TxnRequest(List.of(), List.of(Op.put("/sweeps/last", "by b")), List.of());
    assertTrue(b.commitAsLeader(termB, current).succeeded());
    assertEquals("by b", value("/sweeps/last"));
    b.resign(termB);
    assertEquals(Optional.empty(), b.leader(), "resigning frees the leader key");
  }

  @Test
  void aClosedWatchDeliversNoMoreEvents() {
    EventSink sink = new EventSink();
    Watch watch = store.watch("/k", store.currentRevision() + 1, sink);
    store.put("/k", bytes("1"));
    sink.take(1, WAIT);
    watch.close();
    store.put("/k", bytes("2"));
    assertEquals(List.of(), sink.drain(Duration.ofMillis(300)));
  }

  @Test
  void badKeysAreRefusedBeforeReachingTheStore() {
    assertThrows(IllegalArgumentException.class, () -> store.get(""));
    assertThrows(IllegalArgumentException.class, () -> store.get("devices/a"), "no leading /");
    assertThrows(IllegalArgumentException.class, () -> store.range("devices/"));
    assertThrows(
        IllegalArgumentException.class, () -> store.put("\uD800", bytes("lone surrogate")));
    assertThrows(IllegalArgumentException.class, () -> store.watch("/k", 0, new EventSink()));
  }

  // --- helpers -------------------------------------------------------------------------------

  protected static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  protected String value(String key) {
    return store.get(key).map(KeyValue::valueUtf8).orElse(null);
  }

  protected static List<String> keys(List<KeyValue> kvs) {
    return kvs.stream().map(KeyValue::key).toList();
  }

  /** Events as short text, so a failing comparison reads like a log. */
  protected static List<String> describe(List<WatchEvent> events) {
    return events.stream()
        .map(
            event ->
                switch (event) {
                  case WatchEvent.Put p -> "put " + p.kv().key() + "=" + p.kv().valueUtf8();
                  case WatchEvent.Delete d -> "delete " + d.key();
                  case WatchEvent.Compacted c -> "compacted at " + c.compactRevision();
                  case WatchEvent.Broken b -> "broken: " + b.cause();
                })
        .toList();
  }
}
