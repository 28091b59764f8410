package dev.cordon.controller.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.ca.CaFingerprint;
import dev.cordon.controller.ca.IssuanceRefused;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.DeviceStatus;
import dev.cordon.controller.testing.Fleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTest {

  @TempDir Path dir;
  Fleet fleet;

  @BeforeEach
  void open() {
    fleet = new Fleet(dir);
  }

  @AfterEach
  void close() {
    fleet.close();
  }

  private String token(TokenSpec spec) {
    return fleet.tokens().create("spiffe://cordon.local/admin/owner", spec).token();
  }

  @Test
  void aRedeemedTokenRegistersAnActiveDeviceWithAnAddressAndACertificateNamingIt() {
    String token = token(TokenSpec.device("cam-1"));
    Fleet.DeviceKeys keys = Fleet.deviceKeys();

    Enrolled enrolled = fleet.enrollment().enroll(keys.request(token));

    assertEquals(PrincipalKind.DEVICE, enrolled.principal().kind());
    assertEquals("100.64.0.1", enrolled.overlayAddress().getHostAddress());
    assertFalse(enrolled.approvalPending());
    DeviceRecord device = fleet.registry().device(enrolled.principal().name());
    assertEquals(DeviceStatus.ACTIVE, device.status());
    assertEquals("cam-1", device.name());
    assertEquals(keys.wireGuard(), device.wireGuardKey());
    assertEquals(keys.tls().getPublic(), enrolled.certificate().getPublicKey());
    assertTrue(
        fleet
            .ca
            .verifier(fleet.revocations)
            .verify(Fleet.START, enrolled.certificate())
            .isTrusted());
  }

  @Test
  void aSingleUseTokenIsRefusedTheSecondTime() {
    String token = token(TokenSpec.device("cam"));
    fleet.enrollment().enroll(Fleet.deviceKeys().request(token));

    EnrollmentRefused refused =
        assertThrows(
            EnrollmentRefused.class,
            () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(token)));

    assertEquals(EnrollmentRefused.Reason.USED, refused.reason());
    assertEquals(1, fleet.registry().devices(null, Map.of()).size());
  }

  @Test
  void sixteenConcurrentRedemptionsOfASingleUseTokenProduceExactlyOneDevice() throws Exception {
    String token = token(TokenSpec.device("cam"));
    List<Fleet.DeviceKeys> keys = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      keys.add(Fleet.deviceKeys());
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Enrolled>> results = new ArrayList<>();
    for (Fleet.DeviceKeys k : keys) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return fleet.enrollment().enroll(k.request(token));
              }));
    }
    go.countDown();
    int successes = 0;
    int usedRefusals = 0;
    for (Future<Enrolled> result : results) {
      try {
        result.get(60, TimeUnit.SECONDS);
        successes++;
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof EnrollmentRefused r
            && r.reason() == EnrollmentRefused.Reason.USED) {
          usedRefusals++;
        } else {
          throw e;
        }
      }
    }
    pool.shutdownNow();

    assertEquals(1, successes);
    assertEquals(15, usedRefusals);
    assertEquals(1, fleet.registry().devices(null, Map.of()).size());
    assertEquals(1, fleet.store.range("/ipam/").kvs().size());
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = token(TokenSpec.device("cam").withValidity(Duration.ofHours(1)));
    fleet.clock.advance(Duration.ofHours(1));

    EnrollmentRefused refused =
        assertThrows(
            EnrollmentRefused.class,
            () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(token)));

    assertEquals(EnrollmentRefused.Reason.EXPIRED, refused.reason());
  }

  @Test
  void aTokenNamingAnotherCaIsRefusedAsForeign() {
    String token = token(TokenSpec.device("cam"));
    TokenClaim real = fleet.codec.decode(token);
    String forged =
        fleet.codec.encode(
            new TokenClaim(
                real.tokenId(),
                real.secret(),
                real.controllerAddress(),
                new CaFingerprint("ab".repeat(32)),
                real.trustDomain()));

    EnrollmentRefused refused =
        assertThrows(
            EnrollmentRefused.class,
            () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(forged)));

    assertEquals(EnrollmentRefused.Reason.FOREIGN_DEPLOYMENT, refused.reason());
  }

  @Test
  void aTokenFromAnotherDeploymentIsRefusedAsForeign(@TempDir Path other) {
    String foreign;
    try (Fleet elsewhere = new Fleet(other)) {
      foreign = elsewhere.tokens().create("x", TokenSpec.device("cam")).token();
    }

    EnrollmentRefused refused =
        assertThrows(
            EnrollmentRefused.class,
            () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(foreign)));

    assertEquals(EnrollmentRefused.Reason.FOREIGN_DEPLOYMENT, refused.reason());
  }

  @Test
  void aTokenWithTheWrongSecretIsRefused() {
    String token = token(TokenSpec.device("cam"));
    TokenClaim real = fleet.codec.decode(token);
    String guessed =
        fleet.codec.encode(
            new TokenClaim(
                real.tokenId(),
                new byte[32],
                real.controllerAddress(),
                real.caFingerprint(),
                real.trustDomain()));

    EnrollmentRefused refused =
        assertThrows(
            EnrollmentRefused.class,
            () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(guessed)));

    assertEquals(EnrollmentRefused.Reason.WRONG_SECRET, refused.reason());
  }

  @Test
  void aUsedTokenStaysUsedAfterItsDeviceIsDeleted() {
    String token = token(TokenSpec.device("cam"));
    Enrolled enrolled = fleet.enrollment().enroll(Fleet.deviceKeys().request(token));
    fleet.registry().deleteDevice("admin", enrolled.principal().name());

    EnrollmentRefused refused =
        assertThrows(
            EnrollmentRefused.class,
            () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(token)));

    assertEquals(EnrollmentRefused.Reason.USED, refused.reason());
    assertTrue(fleet.registry().devices(null, Map.of()).isEmpty());
  }

  @Test
  void aDeviceEnrolledWithAnApprovalTokenWaitsPendingUntilApproved() {
    Enrolled enrolled =
        fleet
            .enrollment()
            .enroll(
                Fleet.deviceKeys()
                    .request(token(TokenSpec.device("cam").withApprovalRequired(true))));
    String id = enrolled.principal().name();
    assertTrue(enrolled.approvalPending());
    assertEquals(DeviceStatus.PENDING, fleet.registry().device(id).status());

    DeviceRecord approved = fleet.registry().approve("spiffe://cordon.local/admin/op", id, "ok");

    assertEquals(DeviceStatus.ACTIVE, approved.status());
    assertThrows(
        dev.cordon.controller.registry.StatusConflictException.class,
        () -> fleet.registry().approve("spiffe://cordon.local/admin/op", id, "again"));
  }

  @Test
  void aMalformedCsrIsRefusedAndDoesNotSpendTheToken() {
    String token = token(TokenSpec.device("cam"));
    Fleet.DeviceKeys keys = Fleet.deviceKeys();

    IssuanceRefused refused =
        assertThrows(
            IssuanceRefused.class,
            () ->
                fleet
                    .enrollment()
                    .enroll(
                        new EnrollmentRequest(
                            token,
                            "not a csr".getBytes(StandardCharsets.US_ASCII),
                            keys.wireGuard().bytes(),
                            false)));

    assertEquals(IssuanceRefused.Reason.MALFORMED_CSR, refused.reason());
    assertEquals(TokenState.ACTIVE, fleet.tokens().list(true).getFirst().state());
    fleet.enrollment().enroll(keys.request(token));
  }

  @Test
  void aCsrWhoseSignatureDoesNotMatchItsKeyIsRefused() throws Exception {
    String token = token(TokenSpec.device("cam"));
    KeyPair claimed = dev.cordon.controller.identity.LocalKeys.p256(Fleet.RANDOM);
    KeyPair signer = dev.cordon.controller.identity.LocalKeys.p256(Fleet.RANDOM);
    byte[] csr =
        new PKCS10CertificationRequestBuilder(
                new X500Name(""),
                SubjectPublicKeyInfo.getInstance(claimed.getPublic().getEncoded()))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))
            .getEncoded();

    IssuanceRefused refused =
        assertThrows(
            IssuanceRefused.class,
            () ->
                fleet
                    .enrollment()
                    .enroll(
                        new EnrollmentRequest(token, csr, Fleet.wireGuardKey().bytes(), false)));

    assertEquals(IssuanceRefused.Reason.CSR_SIGNATURE_INVALID, refused.reason());
  }

  @Test
  void aCsrAskingForAnotherSpiffeIdIsRefused() throws Exception {
    String token = token(TokenSpec.device("cam"));
    KeyPair keys = dev.cordon.controller.identity.LocalKeys.p256(Fleet.RANDOM);
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName(
                GeneralName.uniformResourceIdentifier, "spiffe://cordon.local/admin/owner")));
    byte[] csr =
        new PKCS10CertificationRequestBuilder(
                new X500Name(""), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()))
            .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
            .getEncoded();

    IssuanceRefused refused =
        assertThrows(
            IssuanceRefused.class,
            () ->
                fleet
                    .enrollment()
                    .enroll(
                        new EnrollmentRequest(token, csr, Fleet.wireGuardKey().bytes(), false)));

    assertEquals(IssuanceRefused.Reason.NAMES_NOT_ALLOWED, refused.reason());
  }

  @Test
  void aGatewayTokenEnrollsTheNamedGateway() {
    TokenSpec spec =
        new TokenSpec(
            PrincipalKind.GATEWAY, "edge-1", "", Map.of(), List.of(), Duration.ZERO, 1, false);

    Enrolled enrolled = fleet.enrollment().enroll(Fleet.deviceKeys().request(token(spec)));

    assertEquals(Principal.gateway("edge-1", Fleet.DOMAIN), enrolled.principal());
    assertEquals("edge-1", fleet.registry().gateway("edge-1").name());
  }

  @Test
  void tokenReadsShowMetadataButNeverTheSecretOrItsHash() {
    CreatedToken created = fleet.tokens().create("admin", TokenSpec.device("cam"));
    TokenClaim claim = fleet.codec.decode(created.token());

    TokenInfo listed = fleet.tokens().list(true).getFirst();

    assertEquals(created.info().id(), listed.id());
    String shown = listed.toString();
    assertFalse(shown.contains(created.token()));
    assertFalse(shown.contains(TokenRecord.hash(claim.secret())));
    assertFalse(created.toString().contains(created.token()));
  }

  @Test
  void enrollmentsAndRefusalsAreAudited() {
    String token = token(TokenSpec.device("cam"));
    fleet.enrollment().enroll(Fleet.deviceKeys().request(token));
    assertThrows(
        EnrollmentRefused.class,
        () -> fleet.enrollment().enroll(Fleet.deviceKeys().request(token)));

    List<AuditEntry> enrolls =
        fleet
            .audit
            .query(
                new AuditQuery(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(AuditAction.ENROLL),
                    Optional.empty(),
                    "",
                    100))
            .entries();

    assertEquals(
        List.of(AuditOutcome.SUCCESS, AuditOutcome.DENIED),
        enrolls.stream().map(AuditEntry::outcome).toList());
    assertEquals("USED", enrolls.get(1).reason());
    String tokenId = fleet.codec.decode(token).tokenId();
    assertEquals("token/" + tokenId, enrolls.get(0).principal());
  }
}
