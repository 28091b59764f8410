package dev.cordon.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.policy.PolicyDiff.ChangeKind;
import dev.cordon.controller.policy.PolicyDiff.ObjectChange;
import dev.cordon.controller.policy.PolicyDiff.ObjectKind;
import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.tables.TestFleet;
import dev.cordon.policy.load.Problem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {
  private static final String SECOND =
      TestFleet.POLICY
          + """
            # locks may reach the patch server too
          """;

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
  private Store store;
  private Policies policies;

  @BeforeEach
  void open() {
    store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    policies = new Policies(store, clock, new AuditLog(store, clock, "c1"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aDocumentWithErrorsIsRefusedWithLinesAndNothingIsStored() {
    String broken = TestFleet.POLICY.replace("from: [cameras]", "from: [camras]");
    ApplyOutcome.Invalid invalid =
        assertInstanceOf(ApplyOutcome.Invalid.class, policies.apply("alice", broken, "", 0));
    Problem problem = invalid.problems().getFirst();
    int line = lineOf(broken, "from: [camras]");
    assertEquals(line, problem.line(), "the problem names the line of the bad reference");
    assertTrue(problem.message().contains("camras"), problem.message());
    assertEquals(0, policies.currentVersion());
    assertTrue(store.range(PolicyKeys.PREFIX).kvs().isEmpty(), "no policy key was written");
  }

  @Test
  void appliedDocumentsBecomeNumberedVersionsWithAuthorHistoryAndDiff() {
    ApplyOutcome.Applied first =
        assertInstanceOf(
            ApplyOutcome.Applied.class, policies.apply("alice", TestFleet.POLICY, "first", 0));
    assertEquals(1, first.policy().version());
    assertEquals(0, first.diff().fromVersion());

    String second = SECOND.replace("from: [thermostats]", "from: [thermostats, cameras]");
    ApplyOutcome.Applied applied =
        assertInstanceOf(
            ApplyOutcome.Applied.class, policies.apply("bob", second, "cameras too", 1));
    assertEquals(2, applied.policy().version());
    assertEquals("bob", applied.policy().appliedBy());
    assertEquals(clock.instant(), applied.policy().appliedAt());
    assertEquals(
        List.of(new ObjectChange(ObjectKind.RULE, "thermostats-to-hvac", ChangeKind.MODIFIED)),
        applied.diff().changes());
    assertTrue(applied.diff().unifiedDiff().contains("-    from: [thermostats]\n"));
    assertTrue(applied.diff().unifiedDiff().contains("+    from: [thermostats, cameras]\n"));

    List<StoredPolicy> history = policies.history(10, 0);
    assertEquals(List.of(2L, 1L), history.stream().map(StoredPolicy::version).toList());
    assertEquals(List.of("bob", "alice"), history.stream().map(StoredPolicy::appliedBy).toList());
    assertEquals(TestFleet.POLICY, policies.get(1).source());
    assertEquals(applied.diff(), policies.diff(1, 2));
    assertEquals(
        2,
        new AuditLog(store, clock, "c1").query(AuditQuery.ALL).entries().size(),
        "each apply is audited");
  }

  @Test
  void applyingTheCurrentDocumentAgainChangesNothing() {
    policies.apply("alice", TestFleet.POLICY, "", 0);
    ApplyOutcome again = policies.apply("alice", TestFleet.POLICY, "", 0);
    assertEquals(1, assertInstanceOf(ApplyOutcome.Unchanged.class, again).current().version());
    assertEquals(1, policies.currentVersion());
  }

  @Test
  void aDocumentBasedOnAnOldVersionIsRefusedRatherThanOverwritingANewerOne() {
    policies.apply("alice", TestFleet.POLICY, "", 0);
    policies.apply("bob", SECOND, "", 1);
    PolicyConflictException e =
        assertThrows(PolicyConflictException.class, () -> policies.apply("carol", SECOND, "", 1));
    assertTrue(e.getMessage().contains("version 2 is current"), e.getMessage());
  }

  @Test
  void aCandidateIsDiffedAgainstTheCurrentVersionWithoutBeingStored() {
    policies.apply("alice", TestFleet.POLICY, "", 0);
    String candidate = TestFleet.POLICY.replace("ports: [502]", "ports: [502, 503]");
    Policies.CandidateDiff diff = policies.diffCandidate(0, candidate);
    assertEquals(
        List.of(new ObjectChange(ObjectKind.SERVICE, "hvac", ChangeKind.MODIFIED)),
        diff.diff().orElseThrow().changes());
    assertEquals(0, diff.diff().orElseThrow().toVersion());
    assertEquals(1, policies.currentVersion());
  }

  @Test
  void aCandidateWithNoPolicyAppliedYetIsDiffedAgainstNoPolicyAndSaysSo() {
    Policies.CandidateDiff diff = policies.diffCandidate(0, TestFleet.POLICY);
    String unified = diff.diff().orElseThrow().unifiedDiff();
    assertTrue(unified.startsWith("--- no policy\n+++ candidate\n"), unified);
  }

  @Test
  void askingForAVersionThatDoesNotExistSaysSo() {
    assertThrows(NotFoundException.class, () -> policies.get(0));
    policies.apply("alice", TestFleet.POLICY, "", 0);
    assertThrows(NotFoundException.class, () -> policies.get(7));
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) return i + 1;
    }
    throw new AssertionError(needle);
  }
}
