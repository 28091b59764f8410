package dev.cordon.controller.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.ca.Pem;
import dev.cordon.controller.ca.RenewalDecision;
import dev.cordon.controller.identity.LocalKeys;
import dev.cordon.controller.identity.RenewalRefused;
import dev.cordon.controller.identity.Renewed;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.proto.v1.ListTokensRequest;
import dev.cordon.proto.v1.RenewAdminRequest;
import dev.cordon.proto.v1.RenewResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminRenewTest {

  @TempDir Path dir;
  TlsController controller;

  @BeforeEach
  void start() throws Exception {
    controller = new TlsController(dir);
  }

  @AfterEach
  void stop() throws Exception {
    controller.close();
  }

  private static RenewAdminRequest renew(KeyPair keys, boolean force) {
    return RenewAdminRequest.newBuilder()
        .setCsrDer(ByteString.copyFrom(LocalKeys.csr(keys)))
        .setForce(force)
        .build();
  }

  private List<AuditEntry> renewals() {
    return controller.fleet.audit.query(AuditQuery.all()).entries().stream()
        .filter(e -> e.action() == AuditAction.RENEW)
        .toList();
  }

  @Test
  void anAuditorRenewsItselfFromTwoThirdsOfItsLifeAndTheNewCertificateWorks() throws Exception {
    TlsController.Credential auditor = controller.admin("ann", AdminRole.AUDITOR);
    var stub = controller.adminStub(auditor);

    StatusRuntimeException early =
        assertThrows(
            StatusRuntimeException.class, () -> stub.renewAdmin(renew(auditor.keys(), false)));
    assertEquals(Status.Code.FAILED_PRECONDITION, early.getStatus().getCode());
    assertTrue(early.getStatus().getDescription().contains("renewal opens at"));

    controller.fleet.clock.advance(Duration.ofHours(9));
    KeyPair fresh = LocalKeys.p256(dev.cordon.controller.testing.Fleet.RANDOM);
    RenewResponse renewed = stub.renewAdmin(renew(fresh, false));
    X509Certificate leaf = Pem.readCertificate(renewed.getCertificateChain(0).toByteArray());

    assertArrayEquals(fresh.getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
    assertTrue(
        leaf.getSubjectAlternativeNames().stream()
            .anyMatch(n -> String.valueOf(n.get(1)).equals("spiffe://cordon.local/admin/ann")));
    assertEquals(
        leaf, controller.fleet.registry().findAdmin("ann").orElseThrow().credential().current());
    // The new key and certificate open a session with the same role as before.
    controller
        .adminStub(new TlsController.Credential(fresh, leaf))
        .listTokens(ListTokensRequest.getDefaultInstance());
    assertEquals(
        List.of(AuditOutcome.DENIED, AuditOutcome.SUCCESS),
        renewals().stream().map(AuditEntry::outcome).toList());
    assertEquals("spiffe://cordon.local/admin/ann", renewals().getLast().principal());
    assertEquals("admin/ann", renewals().getLast().target());
  }

  @Test
  void aForcedRenewalIsAllowedAtOnceAndTheRoleStaysAsItWas() throws Exception {
    TlsController.Credential operator = controller.admin("olga", AdminRole.OPERATOR);

    RenewResponse renewed = controller.adminStub(operator).renewAdmin(renew(operator.keys(), true));

    assertEquals(1, renewed.getCertificateChainCount());
    assertEquals(
        AdminRole.OPERATOR, controller.fleet.registry().findAdmin("olga").orElseThrow().role());
    assertTrue(renewals().getLast().change().startsWith("forced; serial "));
  }

  @Test
  void aRevokedAdminCertificateCannotRenewEvenForced() throws Exception {
    TlsController.Credential owner = controller.admin("owner", AdminRole.OWNER);
    controller.fleet.revocations.revoke(owner.certificate());

    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> controller.adminStub(owner).renewAdmin(renew(owner.keys(), true)));

    assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    RenewalRefused recovery =
        assertThrows(
            RenewalRefused.class,
            () ->
                controller
                    .fleet
                    .domain
                    .administrators()
                    .renewal()
                    .recover("local", "owner", LocalKeys.csr(owner.keys())));
    assertEquals(RenewalDecision.Reason.REVOKED, recovery.reason());
  }

  @Test
  void recoveryOnTheHostReissuesAnExpiredOwnerAndAuditsIt() throws Exception {
    TlsController.Credential owner = controller.admin("owner", AdminRole.OWNER);
    controller.fleet.clock.advance(Duration.ofHours(13));
    KeyPair fresh = LocalKeys.p256(dev.cordon.controller.testing.Fleet.RANDOM);

    Renewed renewed =
        controller
            .fleet
            .domain
            .administrators()
            .renewal()
            .recover("local:root", "owner", LocalKeys.csr(fresh));

    assertTrue(
        renewed.certificate().getNotAfter().toInstant().isAfter(controller.fleet.clock.instant()));
    assertArrayEquals(
        fresh.getPublic().getEncoded(), renewed.certificate().getPublicKey().getEncoded());
    AuditEntry entry = renewals().getLast();
    assertEquals("local:root", entry.principal());
    assertEquals(AuditOutcome.SUCCESS, entry.outcome());
    assertTrue(entry.change().startsWith("recovered on the controller host"));
  }
}
