package dev.cordon.controller.enroll;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.ca.CaFingerprint;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Segment;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Creates, lists and revokes enrollment tokens. */
public final class Tokens {

  static final int SECRET_BYTES = 32;

  private final Store store;
  private final Clock clock;
  private final AuditLog audit;
  private final TokenCodec codec;
  private final SecureRandom random;
  private final String controllerAddress;
  private final CaFingerprint caFingerprint;
  private final String trustDomain;
  private final Policies policies;

  public Tokens(
      Store store,
      Clock clock,
      AuditLog audit,
      TokenCodec codec,
      SecureRandom random,
      String controllerAddress,
      CaFingerprint caFingerprint,
      String trustDomain) {
    this.store = store;
    this.clock = clock;
    this.audit = audit;
    this.codec = codec;
    this.random = random;
    this.controllerAddress = controllerAddress;
    this.caFingerprint = caFingerprint;
    this.trustDomain = trustDomain;
    this.policies = new Policies(store, clock, audit);
  }

  /**
   * Creates a token; the returned string is the only copy that will ever exist. Not idempotent: a
   * retry creates a second token.
   */
  public CreatedToken create(String createdBy, TokenSpec spec) {
    checkSegmentsDefined(spec);
    byte[] id = new byte[8];
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(id);
    random.nextBytes(secret);
    String tokenId = "t-" + HexFormat.of().formatHex(id);
    Instant now = clock.instant();
    TokenRecord record =
        new TokenRecord(
            tokenId,
            TokenRecord.hash(secret),
            spec,
            now,
            now.plus(spec.validFor()),
            createdBy,
            List.of(),
            false);
    String key = StoreKeys.token(tokenId);
    store
        .txn()
        .when(Compare.absent(key))
        .then(
            Op.put(key, record.encode()),
            audit.entry(
                createdBy,
                AuditAction.TOKEN_CREATE,
                "token/" + tokenId,
                AuditOutcome.SUCCESS,
                describe(spec),
                ""))
        .commit();
    String token =
        codec.encode(
            new TokenClaim(tokenId, secret, controllerAddress, caFingerprint, trustDomain));
    java.util.Arrays.fill(secret, (byte) 0);
    return new CreatedToken(token, record.info(now));
  }

  /** Newest first; only active tokens unless {@code includeInactive}. Safe to retry. */
  public List<TokenInfo> list(boolean includeInactive) {
    Instant now = clock.instant();
    return store.range(StoreKeys.TOKENS).kvs().stream()
        .map(kv -> TokenRecord.decode(kv.value()).info(now))
        .filter(t -> includeInactive || t.state() == TokenState.ACTIVE)
        .sorted(Comparator.comparing(TokenInfo::createdAt).reversed().thenComparing(TokenInfo::id))
        .toList();
  }

  /** Revokes a token; devices it enrolled stay. Idempotent. */
  public TokenInfo revoke(String by, String tokenId, String reason) {
    String key = StoreKeys.token(tokenId);
    for (int attempt = 0; attempt < 16; attempt++) {
      KeyValue kv = store.get(key).orElseThrow(() -> new NotFoundException("token " + tokenId));
      TokenRecord record = TokenRecord.decode(kv.value());
      if (record.revoked()) {
        return record.info(clock.instant());
      }
      TokenRecord revoked = record.revokedNow();
      boolean done =
          store
              .txn()
              .when(Compare.modRevision(key, kv.modRevision()))
              .then(
                  Op.put(key, revoked.encode()),
                  audit.entry(
                      by,
                      AuditAction.TOKEN_REVOKE,
                      "token/" + tokenId,
                      AuditOutcome.SUCCESS,
                      "state: active -> revoked",
                      reason))
              .commit()
              .succeeded();
      if (done) {
        return revoked.info(clock.instant());
      }
    }
    throw new dev.cordon.controller.registry.ContentionException("token " + tokenId);
  }

  private static String describe(TokenSpec spec) {
    return "kind="
        + spec.kind().pathSegment()
        + " name="
        + spec.name()
        + " uses="
        + spec.maxUses()
        + " valid_for="
        + spec.validFor()
        + " approval="
        + spec.approvalRequired();
  }

  /**
   * A device token may name only segments the current policy defines, so a typo fails here rather
   * than leaving the device in no segment. Before any policy is applied there is nothing to check
   * against; if a later policy drops the segment, the name simply matches nothing.
   */
  private void checkSegmentsDefined(TokenSpec spec) {
    if (spec.kind() != PrincipalKind.DEVICE || spec.segments().isEmpty()) return;
    Optional<PolicyDocument> current = policies.current().map(Policies::parse);
    if (current.isEmpty()) return;
    List<String> defined = current.get().segments().stream().map(Segment::name).toList();
    for (String segment : spec.segments()) {
      if (!defined.contains(segment)) {
        throw new IllegalArgumentException(
            "segment '"
                + segment
                + "' is not defined in policy version "
                + policies.currentVersion()
                + "; defined: "
                + (defined.isEmpty() ? "none" : String.join(", ", defined)));
      }
    }
  }
}
