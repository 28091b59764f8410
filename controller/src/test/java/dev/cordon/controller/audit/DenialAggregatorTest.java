package dev.cordon.controller.audit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenialAggregatorTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final DenialLimits LIMITS = new DenialLimits(Duration.ofSeconds(60), 16);
  static final RefusedCall EVE_CREATE =
      new RefusedCall(
          "spiffe://cordon.local/admin/eve", "", "cordon.v1.AdminService/CreateToken", "ROLE");
  static final Pattern SUPPRESSED = Pattern.compile("^suppressed=(\\d+) first=(\\S+) last=(\\S+)");

  @TempDir Path dir;
  Store store;
  MutableClock clock = new MutableClock(T0);
  AuditLog audit;
  DenialAggregator denials;

  @BeforeEach
  void open() {
    store = Store.openSqlite(dir.resolve("store"), SqliteStoreOptions.DEFAULT);
    audit = new AuditLog(store, clock, "c1");
    denials = new DenialAggregator(audit, clock, LIMITS);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  List<AuditEntry> entries() {
    return audit.query(AuditQuery.all()).entries();
  }

  static boolean isSummary(AuditEntry e) {
    return SUPPRESSED.matcher(e.change()).find();
  }

  /** 1 for an entry written one by one, N for a summary of N suppressed repeats. */
  static long count(AuditEntry e) {
    Matcher m = SUPPRESSED.matcher(e.change());
    return m.find() ? Long.parseLong(m.group(1)) : 1;
  }

  void refuse(RefusedCall call, int times) {
    for (int i = 0; i < times; i++) {
      denials.refused(call);
      clock.advance(Duration.ofMillis(10));
    }
  }

  @Test
  void aThousandRepeatsInOneWindowWriteOneEntryNowAndOneSummaryOf999AfterTheWindow() {
    refuse(EVE_CREATE, 1000);

    List<AuditEntry> now = entries();
    assertEquals(1, now.size(), "only the first refusal is written inside the window");
    AuditEntry first = now.getFirst();
    assertEquals(EVE_CREATE.principal(), first.principal());
    assertEquals(AuditAction.API_DENIED, first.action());
    assertEquals(AuditOutcome.DENIED, first.outcome());
    assertEquals(EVE_CREATE.method(), first.target());
    assertEquals("ROLE", first.reason());
    assertEquals("", first.change(), "a first refusal is written exactly as before");

    clock.advance(Duration.ofSeconds(60));
    denials.refused(EVE_CREATE);

    List<AuditEntry> after = entries();
    List<AuditEntry> summaries = after.stream().filter(DenialAggregatorTest::isSummary).toList();
    assertEquals(1, summaries.size());
    AuditEntry summary = summaries.getFirst();
    // The summary counts the repeats that were not written: 1,000 refusals minus the first.
    assertEquals(
        "suppressed=999 first=2026-03-01T10:00:00.010Z last=2026-03-01T10:00:09.990Z",
        summary.change());
    assertEquals(EVE_CREATE.principal(), summary.principal());
    assertEquals(EVE_CREATE.method(), summary.target());
    assertEquals("ROLE", summary.reason());
    // The refusal after the window opens a new one and is written in full again.
    assertEquals(3, after.size());
    assertEquals("", after.getLast().change());
    assertEquals(1001, after.stream().mapToLong(DenialAggregatorTest::count).sum());
  }

  @Test
  void aCallerThatFallsQuietIsSummarisedByTheSweepOnceItsWindowHasClosed() {
    refuse(EVE_CREATE, 5);

    denials.sweep();
    assertEquals(1, entries().size(), "the window is still open: nothing to summarise");

    clock.advance(Duration.ofSeconds(60));
    denials.sweep();
    denials.sweep();

    List<AuditEntry> entries = entries();
    assertEquals(2, entries.size());
    assertEquals(4, count(entries.getLast()));
    assertEquals(0, denials.tracked(), "a summarised window is forgotten");
  }

  @Test
  void aLoneRefusalLeavesNoSummaryBehind() {
    denials.refused(EVE_CREATE);
    clock.advance(Duration.ofMinutes(2));
    denials.sweep();
    denials.close();

    assertEquals(1, entries().size());
  }

  @Test
  void twoPrincipalsAndTwoMethodsAreAuditedSeparately() {
    RefusedCall olga =
        new RefusedCall(
            "spiffe://cordon.local/admin/olga", "", "cordon.v1.AdminService/CreateToken", "ROLE");
    RefusedCall eveOtherMethod =
        new RefusedCall(
            "spiffe://cordon.local/admin/eve", "", "cordon.v1.AdminService/CreateAdmin", "ROLE");

    refuse(EVE_CREATE, 3);
    refuse(olga, 3);
    refuse(eveOtherMethod, 3);

    List<AuditEntry> entries = entries();
    assertEquals(3, entries.size());
    assertEquals(
        List.of(
            EVE_CREATE.principal() + " " + EVE_CREATE.method(),
            olga.principal() + " " + olga.method(),
            eveOtherMethod.principal() + " " + eveOtherMethod.method()),
        entries.stream().map(e -> e.principal() + " " + e.target()).toList());
  }

  @Test
  void unauthenticatedCallersAreToldApartByPeerAndTheSummaryNamesIt() {
    RefusedCall fromA = new RefusedCall("", "192.0.2.1", "cordon.v1.DeviceService/Renew", "X");
    RefusedCall fromB = new RefusedCall("", "192.0.2.2", "cordon.v1.DeviceService/Renew", "X");

    refuse(fromA, 3);
    refuse(fromB, 1);
    denials.close();

    List<AuditEntry> entries = entries();
    assertEquals(3, entries.size(), "two first entries and one summary for the peer that repeated");
    assertTrue(entries.getLast().change().endsWith(" peer=192.0.2.1"), entries.getLast().change());
    assertEquals("", entries.getLast().principal());
  }

  @Test
  void aPrincipalIsOneCallerWhateverAddressItCallsFrom() {
    assertEquals(
        new RefusedCall("spiffe://cordon.local/admin/eve", "192.0.2.1", "m", "ROLE"),
        new RefusedCall("spiffe://cordon.local/admin/eve", "192.0.2.9", "m", "ROLE"));
  }

  @Test
  void callersBeyondTheBoundShareOneOverflowSummaryAndNoRefusalGoesUncounted() {
    int callers = 40;
    int each = 5;
    for (int round = 0; round < each; round++) {
      for (int i = 0; i < callers; i++) {
        denials.refused(
            new RefusedCall("spiffe://cordon.local/device/d" + i, "", "m", "WRONG_KIND"));
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(LIMITS.maxCallers(), denials.tracked(), "memory stays bounded");
    denials.close();

    List<AuditEntry> entries = entries();
    List<AuditEntry> overflow =
        entries.stream().filter(e -> e.reason().equals(DenialAggregator.OVERFLOW_REASON)).toList();
    assertEquals(1, overflow.size());
    assertEquals((callers - LIMITS.maxCallers()) * each, count(overflow.getFirst()));
    assertEquals("", overflow.getFirst().principal());
    assertEquals(16 + 16 + 1, entries.size(), "16 first entries, 16 summaries, one overflow");
    assertEquals(callers * each, entries.stream().mapToLong(DenialAggregatorTest::count).sum());
  }

  @Test
  void aClosedWindowMakesRoomForANewCallerOnTheRefusedPath() {
    for (int i = 0; i < LIMITS.maxCallers(); i++) {
      denials.refused(new RefusedCall("spiffe://cordon.local/device/d" + i, "", "m", "R"));
    }
    clock.advance(Duration.ofSeconds(61));

    RefusedCall late = new RefusedCall("spiffe://cordon.local/device/late", "", "m", "R");
    denials.refused(late);

    assertEquals(late.principal(), entries().getLast().principal(), "written, not overflowed");
  }

  @Test
  void closingWritesEveryPendingSummaryAndLaterRefusalsAreWrittenAtOnce() {
    RefusedCall other = new RefusedCall("spiffe://cordon.local/admin/olga", "", "m", "ROLE");
    refuse(EVE_CREATE, 10);
    refuse(other, 2);

    denials.close();
    denials.close();

    List<AuditEntry> entries = entries();
    assertEquals(4, entries.size());
    assertEquals(
        List.of(9L, 1L),
        entries.stream()
            .filter(DenialAggregatorTest::isSummary)
            .map(DenialAggregatorTest::count)
            .toList());
    denials.refused(EVE_CREATE);
    denials.refused(EVE_CREATE);
    assertEquals(6, entries().size());
  }

  @Test
  void aStoreThatCannotWriteDoesNotThrowIntoTheRefusedCall() {
    store.close();

    assertDoesNotThrow(() -> refuse(EVE_CREATE, 3));
    assertDoesNotThrow(denials::close);
  }

  @Test
  void concurrentRefusalsAreAllCounted() throws Exception {
    int threads = 4;
    int each = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    denials.refused(
                        new RefusedCall("spiffe://cordon.local/device/d" + (i % 20), "", "m", "R"));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    denials.close();

    assertEquals(threads * each, entries().stream().mapToLong(DenialAggregatorTest::count).sum());
  }

  @Test
  void theBackgroundSweepSummarisesAQuietCallerWithinAboutOneWindow() throws Exception {
    DenialAggregator timed =
        DenialAggregator.start(
            audit, Clock.systemUTC(), new DenialLimits(Duration.ofMillis(200), 16));
    try {
      timed.refused(EVE_CREATE);
      timed.refused(EVE_CREATE);
      timed.refused(EVE_CREATE);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (entries().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      List<AuditEntry> entries = entries();
      assertEquals(2, entries.size(), "the sweep wrote the summary without any further call");
      assertEquals(2, count(entries.getLast()));
    } finally {
      timed.close();
    }
  }
}
