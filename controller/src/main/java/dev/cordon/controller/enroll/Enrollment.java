package dev.cordon.controller.enroll;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.ca.Registration;
import dev.cordon.controller.ca.WireGuardPublicKey;
import dev.cordon.controller.enroll.EnrollmentRefused.Reason;
import dev.cordon.controller.ipam.AddressClaim;
import dev.cordon.controller.ipam.Ipam;
import dev.cordon.controller.registry.AlreadyExistsException;
import dev.cordon.controller.registry.ContentionException;
import dev.cordon.controller.registry.Credential;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.DeviceStatus;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.registry.RegistryListener;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redeems tokens. The token check, the address claim, the registration and the spent use commit in
 * one transaction guarded by the token's mod revision, so sixteen racing redemptions of a
 * single-use token produce one principal: the losers re-read, find the token used, and are refused.
 * The certificate is issued before the transaction (a bad CSR must not spend a use) and handed out
 * only after it commits.
 */
public final class Enrollment {

  private static final int ATTEMPTS = 64;

  private final Store store;
  private final Clock clock;
  private final CertificateAuthority ca;
  private final Ipam ipam;
  private final AuditLog audit;
  private final TokenCodec codec;
  private final SecureRandom random;
  private final RegistryListener listener;

  public Enrollment(
      Store store,
      Clock clock,
      CertificateAuthority ca,
      Ipam ipam,
      AuditLog audit,
      TokenCodec codec,
      SecureRandom random,
      RegistryListener listener) {
    this.store = store;
    this.clock = clock;
    this.ca = ca;
    this.ipam = ipam;
    this.audit = audit;
    this.codec = codec;
    this.random = random;
    this.listener = listener;
  }

  /**
   * Not safe to retry blindly: a single-use token is spent by the first success.
   *
   * @throws EnrollmentRefused for a token that is not redeemable (audited)
   * @throws dev.cordon.controller.ca.IssuanceRefused for a bad CSR (audited; the token is kept)
   * @throws IllegalArgumentException for a WireGuard key that is not 32 usable bytes
   */
  public Enrolled enroll(EnrollmentRequest request) {
    String who = "";
    try {
      TokenClaim claim = codec.decode(request.token());
      who = "token/" + claim.tokenId();
      checkDeployment(claim);
      WireGuardPublicKey key = WireGuardPublicKey.of(request.wireGuardPublicKey());
      return redeem(claim, key, request);
    } catch (RuntimeException e) {
      if (!(e instanceof ContentionException)) {
        audit.append(who, AuditAction.ENROLL, "", refusalOutcome(e), "", refusalReason(e));
      }
      throw e;
    }
  }

  private void checkDeployment(TokenClaim claim) {
    if (!claim.trustDomain().equals(ca.trustDomain())
        || !claim.caFingerprint().equals(ca.fingerprint())) {
      throw new EnrollmentRefused(
          Reason.FOREIGN_DEPLOYMENT,
          "token "
              + claim.tokenId()
              + " belongs to another deployment (trust domain or CA fingerprint differs)");
    }
  }

  private Enrolled redeem(TokenClaim claim, WireGuardPublicKey key, EnrollmentRequest request) {
    String tokenKey = StoreKeys.token(claim.tokenId());
    TokenRecord first = redeemable(claim, store.get(tokenKey));
    Principal principal = principalFor(first.spec());
    String principalKey = recordKey(principal);
    if (store.get(principalKey).isPresent()) {
      throw new AlreadyExistsException(principal.kind().pathSegment() + " " + principal.name());
    }
    Registration registration =
        principal.kind() == PrincipalKind.DEVICE
            ? Registration.device(principal, key)
            : Registration.gateway(principal, key);
    X509Certificate certificate = ca.issue(clock.instant(), registration, request.csr());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<KeyValue> current = store.get(tokenKey);
      TokenRecord token = redeemable(claim, current);
      AddressClaim address = ipam.claim(principal.kind().pathSegment() + "/" + principal.name());
      Instant now = clock.instant();
      DeviceStatus status =
          token.spec().approvalRequired() ? DeviceStatus.PENDING : DeviceStatus.ACTIVE;
      DeviceRecord device =
          principal.kind() == PrincipalKind.DEVICE
              ? deviceRecord(principal, token, status, key, request, address, certificate, now)
              : null;
      byte[] record =
          device != null
              ? device.encode()
              : gatewayRecord(principal, token, status, key, address, certificate, now).encode();
      boolean committed =
          store
              .txn()
              .when(
                  Compare.modRevision(tokenKey, current.get().modRevision()),
                  Compare.absent(principalKey),
                  address.guard())
              .then(
                  Op.put(tokenKey, token.usedBy(principal.name()).encode()),
                  Op.put(principalKey, record),
                  address.put(),
                  audit.entry(
                      "token/" + token.id(),
                      AuditAction.ENROLL,
                      principal.kind().pathSegment() + "/" + principal.name(),
                      AuditOutcome.SUCCESS,
                      "enrolled "
                          + status.name().toLowerCase()
                          + " at "
                          + address.address().getHostAddress(),
                      ""))
              .commit()
              .succeeded();
      if (committed) {
        if (device != null) {
          // The record as built, not decoded back from its bytes: decoding re-parses the
          // certificate, which cost as much as a tenth of an enrollment.
          listener.deviceChanged(principal.name(), device);
        }
        return new Enrolled(
            principal, certificate, ca.bundle(), address.address(), status == DeviceStatus.PENDING);
      }
    }
    throw new ContentionException("token " + claim.tokenId());
  }

  private TokenRecord redeemable(TokenClaim claim, Optional<KeyValue> stored) {
    if (stored.isEmpty()) {
      throw new EnrollmentRefused(Reason.UNKNOWN_TOKEN, "token " + claim.tokenId() + " is unknown");
    }
    TokenRecord token = TokenRecord.decode(stored.get().value());
    if (!token.secretMatches(claim.secret())) {
      throw new EnrollmentRefused(
          Reason.WRONG_SECRET, "token " + claim.tokenId() + " does not match its secret");
    }
    TokenState state = token.state(clock.instant());
    return switch (state) {
      case ACTIVE -> token;
      case USED ->
          throw new EnrollmentRefused(Reason.USED, "token " + token.id() + " is already used");
      case EXPIRED ->
          throw new EnrollmentRefused(
              Reason.EXPIRED,
              "token "
                  + token.id()
                  + " expired at "
                  + token.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      case REVOKED ->
          throw new EnrollmentRefused(Reason.REVOKED, "token " + token.id() + " was revoked");
    };
  }

  private Principal principalFor(TokenSpec spec) {
    if (spec.kind() == PrincipalKind.GATEWAY) {
      return Principal.gateway(spec.name(), ca.trustDomain());
    }
    byte[] id = new byte[6];
    random.nextBytes(id);
    return Principal.device("d-" + HexFormat.of().formatHex(id), ca.trustDomain());
  }

  private static String recordKey(Principal principal) {
    return principal.kind() == PrincipalKind.DEVICE
        ? StoreKeys.device(principal.name())
        : StoreKeys.gateway(principal.name());
  }

  private static GatewayRecord gatewayRecord(
      Principal principal,
      TokenRecord token,
      DeviceStatus status,
      WireGuardPublicKey key,
      AddressClaim address,
      X509Certificate certificate,
      Instant now) {
    return new GatewayRecord(
        principal.name(),
        status,
        key,
        address.address(),
        Credential.first(certificate),
        List.of(),
        List.of(),
        "",
        Optional.empty(),
        now,
        token.id());
  }

  private static DeviceRecord deviceRecord(
      Principal principal,
      TokenRecord token,
      DeviceStatus status,
      WireGuardPublicKey key,
      EnrollmentRequest request,
      AddressClaim address,
      X509Certificate certificate,
      Instant now) {
    TokenSpec spec = token.spec();
    return new DeviceRecord(
        principal.name(),
        spec.name().isEmpty() ? principal.name() : spec.name(),
        spec.deviceType(),
        spec.labels(),
        spec.segments(),
        status,
        "enrolled with token " + token.id(),
        now,
        key,
        request.stockWireGuard(),
        address.address(),
        Credential.first(certificate),
        Map.of(),
        Optional.empty(),
        Optional.of(now),
        now,
        token.id());
  }

  private static AuditOutcome refusalOutcome(RuntimeException e) {
    return e instanceof EnrollmentRefused ? AuditOutcome.DENIED : AuditOutcome.FAILED;
  }

  private static String refusalReason(RuntimeException e) {
    return switch (e) {
      case EnrollmentRefused r -> r.reason().name();
      case dev.cordon.controller.ca.IssuanceRefused r -> r.reason().name();
      default -> e.getClass().getSimpleName();
    };
  }
}
