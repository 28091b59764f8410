package dev.cordon.controller.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.api.ProtoTokenCodec;
import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.ca.CaConfig;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.enroll.Enrolled;
import dev.cordon.controller.enroll.Enrollment;
import dev.cordon.controller.enroll.TokenInfo;
import dev.cordon.controller.enroll.TokenSpec;
import dev.cordon.controller.enroll.TokenState;
import dev.cordon.controller.enroll.Tokens;
import dev.cordon.controller.identity.StoreRevocationList;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.controller.ipam.Ipam;
import dev.cordon.controller.registry.RegistryListener;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.LeaderElection;
import dev.cordon.controller.store.LeaderTerm;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.testing.Fleet;
import dev.cordon.controller.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader-only expiry sweep on any store: what it expires and removes, that one of two
 * controllers sweeps, and that a sweep under a lost term writes nothing. A subclass supplies the
 * stores (SQLite here, real etcd in lab).
 */
public abstract class SweepContract {

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final Duration EVERY = Duration.ofMinutes(1);

  @TempDir Path dir;
  protected Store store;
  protected String namespace;
  private Store second;
  private final MutableClock clock = new MutableClock(START);
  private Tokens tokens;
  private AuditLog audit;
  private String lapsedToken;
  private Enrolled pending;
  private Enrolled pendingInTime;

  /** A store on fresh state named {@code namespace}. */
  protected abstract Store openStore(String namespace);

  /** A second controller's handle on the same state as {@code first}. */
  protected abstract Store secondController(Store first, String namespace);

  @BeforeEach
  void aFleetWithATokenThatLapsesAndADeviceNobodyApproves() {
    namespace = "/sweep-" + UUID.randomUUID();
    store = openStore(namespace);
    second = secondController(store, namespace);
    CertificateAuthority ca =
        CertificateAuthority.createOrLoad(CaConfig.of(dir.resolve("ca"), Fleet.DOMAIN), START);
    audit = new AuditLog(store, clock, "c1");
    ProtoTokenCodec codec = new ProtoTokenCodec();
    tokens =
        new Tokens(
            store,
            clock,
            audit,
            codec,
            Fleet.RANDOM,
            "127.0.0.1:7443",
            ca.fingerprint(),
            Fleet.DOMAIN);
    Enrollment enrollment =
        new Enrollment(
            store,
            clock,
            ca,
            new Ipam(store, AddressPool.DEFAULT),
            audit,
            codec,
            Fleet.RANDOM,
            RegistryListener.NONE);
    lapsedToken =
        tokens
            .create("admin", TokenSpec.device("unused").withValidity(Duration.ofHours(1)))
            .info()
            .id();
    String approval =
        tokens
            .create(
                "admin",
                TokenSpec.device("cam")
                    .withValidity(Duration.ofHours(1))
                    .withApprovalRequired(true))
            .token();
    pending = enrollment.enroll(Fleet.deviceKeys().request(approval));
    String longer =
        tokens
            .create(
                "admin",
                TokenSpec.device("door")
                    .withValidity(Duration.ofHours(48))
                    .withApprovalRequired(true))
            .token();
    pendingInTime = enrollment.enroll(Fleet.deviceKeys().request(longer));
    clock.advance(Duration.ofHours(2));
  }

  @AfterEach
  void closeStores() {
    if (second != store) {
      second.close();
    }
    store.close();
  }

  private LeaderJobs jobs(Store on, String name) {
    return LeaderJobs.manual(
        on, name, new ExpirySweep(on, audit, clock, "spiffe://x/controller/" + name), clock, EVERY);
  }

  private Optional<TokenInfo> token(String id) {
    return tokens.list(true).stream().filter(t -> t.id().equals(id)).findFirst();
  }

  private boolean present(Enrolled device) {
    return store.get(StoreKeys.device(device.principal().name())).isPresent();
  }

  private List<AuditEntry> sweepEntries() {
    return audit.query(AuditQuery.all()).entries().stream()
        .filter(e -> e.principal().startsWith("spiffe://x/controller/"))
        .toList();
  }

  @Test
  void theLeaderMarksLapsedTokensAndRemovesDevicesNotApprovedWithinTheirTokensWindow() {
    try (LeaderJobs jobs = jobs(store, "c1")) {
      SweepReport report = jobs.tick().orElseThrow();

      assertEquals(new SweepReport(1, 1, false), report);
      assertEquals(TokenState.EXPIRED, token(lapsedToken).orElseThrow().state());
      assertFalse(present(pending), "the overdue pending device is gone");
      assertTrue(present(pendingInTime), "a device whose token is still valid waits on");
      assertTrue(
          new StoreRevocationList(store).isRevoked(pending.certificate()),
          "its certificate is revoked, so it cannot call in while it lasts");
      assertEquals(
          Optional.empty(),
          store.get(StoreKeys.ADDRESSES + pending.overlayAddress().getHostAddress()),
          "its overlay address is free again");
      Map<AuditAction, String> reasons =
          sweepEntries().stream().collect(Collectors.toMap(AuditEntry::action, AuditEntry::reason));
      assertEquals(
          Map.of(
              AuditAction.TOKEN_REVOKE, "EXPIRED",
              AuditAction.DEVICE_REVOKE, "NOT_APPROVED_IN_TIME"),
          reasons);

      clock.advance(EVERY);
      assertEquals(
          Optional.of(new SweepReport(0, 0, false)), jobs.tick(), "a second sweep finds nothing");
      assertEquals(2, sweepEntries().size(), "and audits nothing twice");
    }
  }

  @Test
  void ofTwoControllersOnOneStoreOnlyTheLeaderSweeps() {
    try (LeaderJobs one = jobs(store, "c1");
        LeaderJobs two = jobs(second, "c2")) {
      Optional<SweepReport> first = one.tick();
      Optional<SweepReport> other = two.tick();
      clock.advance(EVERY);
      Optional<SweepReport> otherAgain = two.tick();

      assertEquals(Optional.of(new SweepReport(1, 1, false)), first);
      assertEquals(Optional.empty(), other, "the second controller is not the leader");
      assertEquals(Optional.empty(), otherAgain, "and stays a follower while the leader lives");
      assertTrue(one.leading());
      assertFalse(two.leading());
      assertTrue(
          sweepEntries().stream().allMatch(e -> e.principal().endsWith("/c1")),
          "every sweep write came from the leader");

      one.close();
      clock.advance(EVERY);
      assertEquals(
          Optional.of(new SweepReport(0, 0, false)),
          two.tick(),
          "once the leader steps down the other takes over");
    }
  }

  @Test
  void aSweepUnderALostTermWritesNothing() {
    LeaderElection election =
        new LeaderElection(store, LeaderJobs.LEADER_KEY, "c1", LeaderJobs.TTL);
    LeaderTerm stale = election.tryAcquire().orElseThrow();
    // The term ends behind this controller's back (its lease ran out while it was paused) and
    // another controller wins the next one.
    election.resign(stale);
    LeaderElection other = new LeaderElection(second, LeaderJobs.LEADER_KEY, "c2", LeaderJobs.TTL);
    LeaderTerm current = other.tryAcquire().orElseThrow();
    long before = store.currentRevision();

    SweepReport report =
        new ExpirySweep(store, audit, clock, "spiffe://x/controller/c1").sweep(election, stale);

    assertEquals(new SweepReport(0, 0, true), report);
    assertEquals(before, store.currentRevision(), "not one write reached the store");
    assertEquals(TokenState.EXPIRED, token(lapsedToken).orElseThrow().state());
    assertTrue(present(pending), "the device a deposed leader would remove is still there");
    assertEquals(List.of(), sweepEntries());
    other.resign(current);
  }

  @Test
  void aSweepWithNoLeaderAtAllWritesNothing() {
    LeaderElection election =
        new LeaderElection(store, LeaderJobs.LEADER_KEY, "c1", LeaderJobs.TTL);
    LeaderTerm stale = election.tryAcquire().orElseThrow();
    election.resign(stale);
    long before = store.currentRevision();

    SweepReport report =
        new ExpirySweep(store, audit, clock, "spiffe://x/controller/c1").sweep(election, stale);

    assertTrue(report.termLost());
    assertEquals(before, store.currentRevision());
    assertTrue(present(pending));
  }
}
