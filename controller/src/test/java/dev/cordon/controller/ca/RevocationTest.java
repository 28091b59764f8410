package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationTest {

  @TempDir Path dir;
  private CertificateAuthority ca;
  private final RevocationList revocations = new InMemoryRevocationList();
  private final KeyPair deviceKeys = TestDevice.p256();
  private final Registration device =
      Registration.device(Principal.device("thermo-1", DOMAIN), TestDevice.wireGuardKey());

  @BeforeEach
  void createCa() {
    ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
  }

  private X509Certificate issue(KeyPair keys) {
    return ca.issue(NOW, device, TestDevice.csr(keys));
  }

  private Verification.Refused refusal(X509Certificate cert) {
    return assertInstanceOf(Verification.Refused.class, ca.verifier(revocations).verify(NOW, cert));
  }

  @Test
  void aCertificateRevokedBySerialIsRefusedWhileItsSiblingsStayTrusted() {
    X509Certificate revoked = issue(deviceKeys);
    X509Certificate sibling = issue(deviceKeys);

    revocations.revokeSerial(IssuerSerial.of(revoked));

    assertTrue(revocations.isRevoked(revoked));
    assertEquals(Verification.Reason.REVOKED, refusal(revoked).reason());
    assertFalse(revocations.isRevoked(sibling), "only that serial was revoked, not the key");
    assertTrue(ca.verifier(revocations).verify(NOW, sibling).isTrusted());
  }

  @Test
  void aKeyRevocationCoversEveryCertificateForThatKeyIncludingLaterOnes() {
    X509Certificate first = issue(deviceKeys);
    revocations.revokeKey(KeyFingerprint.of(first));

    X509Certificate reissued = issue(deviceKeys);
    X509Certificate reencoded =
        Pem.readCertificate(Pem.certificate(first).getBytes(StandardCharsets.US_ASCII));
    X509Certificate otherKey = issue(TestDevice.p256());

    assertNotEquals(first.getSerialNumber(), reissued.getSerialNumber());
    assertTrue(revocations.isRevoked(reissued), "a new serial for the same key stays revoked");
    assertTrue(revocations.isRevoked(reencoded), "a re-encoded copy stays revoked");
    assertEquals(Verification.Reason.REVOKED, refusal(reissued).reason());
    assertFalse(revocations.isRevoked(otherKey), "a fresh key is a fresh identity");
  }

  @Test
  void revokingACertificateRevokesBothItsSerialAndItsKey() {
    X509Certificate cert = issue(deviceKeys);

    revocations.revoke(cert);

    assertTrue(revocations.containsSerial(IssuerSerial.of(cert)));
    assertTrue(revocations.containsKey(KeyFingerprint.of(deviceKeys.getPublic())));
    assertEquals(1, revocations.revokedSerials().size());
    assertEquals(1, revocations.revokedKeys().size());
  }

  @Test
  void issuerNamesCompareCanonicallySoSpacingAndCaseDoNotEvadeRevocation() {
    IssuerSerial a = new IssuerSerial("CN=Cordon CA,OU=ca,O=cordon.local", BigInteger.TEN);
    IssuerSerial b = new IssuerSerial("cn=cordon ca, ou=CA, o=Cordon.Local", BigInteger.TEN);

    assertEquals(a, b);
  }

  @Test
  void aRevokedIssuingCaTakesEveryLeafWithIt() {
    X509Certificate cert = issue(deviceKeys);

    revocations.revoke(ca.issuingCertificate());

    assertEquals(Verification.Reason.ISSUER_REVOKED, refusal(cert).reason());
  }
}
