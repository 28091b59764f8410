package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.IssuanceRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrRefusalTest {

  @TempDir Path dir;
  private CertificateAuthority ca;
  private final Registration registration =
      Registration.device(Principal.device("cam-7", DOMAIN), TestDevice.wireGuardKey());

  @BeforeEach
  void createCa() {
    ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
  }

  private IssuanceRefused refusal(byte[] csr) {
    return assertThrows(IssuanceRefused.class, () -> ca.issue(NOW, registration, csr));
  }

  @Test
  void bytesThatAreNotACsrAreRefusedAsMalformed() {
    IssuanceRefused refused = refusal("hello, controller".getBytes(StandardCharsets.US_ASCII));

    assertEquals(Reason.MALFORMED_CSR, refused.reason());
    assertTrue(refused.getMessage().contains("PKCS#10"), refused.getMessage());
  }

  @Test
  void aTruncatedCsrIsRefusedAsMalformed() {
    byte[] csr = TestDevice.csr(TestDevice.p256());

    assertEquals(Reason.MALFORMED_CSR, refusal(Arrays.copyOf(csr, csr.length / 2)).reason());
  }

  @Test
  void anEmptyCsrIsRefusedAsMalformed() {
    assertEquals(Reason.MALFORMED_CSR, refusal(new byte[0]).reason());
  }

  @Test
  void aPemBlockHoldingSomethingOtherThanACsrIsRefusedAsMalformed() {
    byte[] pem = Pem.certificate(ca.trustAnchor()).getBytes(StandardCharsets.US_ASCII);

    IssuanceRefused refused = refusal(pem);

    assertEquals(Reason.MALFORMED_CSR, refused.reason());
    assertTrue(refused.getMessage().contains("CERTIFICATE REQUEST"), refused.getMessage());
  }

  @Test
  void aCsrSignedByAnotherKeyThanTheOneItCarriesIsRefused() {
    KeyPair claimed = TestDevice.p256();
    KeyPair signer = TestDevice.p256();

    IssuanceRefused refused =
        refusal(
            TestDevice.csrSignedBy(
                claimed.getPublic(), signer.getPrivate(), new X500Name("CN=cam-7")));

    assertEquals(Reason.CSR_SIGNATURE_INVALID, refused.reason());
    assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
  }

  @Test
  void aCsrAskingForAnotherSpiffeIdIsRefusedNamingRequestedAndAllowed() {
    byte[] csr =
        TestDevice.csr(
            TestDevice.p256(),
            new X500Name("CN=cam-7"),
            TestDevice.uri("spiffe://cordon.local/gateway/edge-hq"));

    IssuanceRefused refused = refusal(csr);

    assertEquals(Reason.NAMES_NOT_ALLOWED, refused.reason());
    assertEquals(
        "the CSR asks for URI:spiffe://cordon.local/gateway/edge-hq;"
            + " the registry allows only URI:spiffe://cordon.local/device/cam-7",
        refused.getMessage());
  }

  @Test
  void aCsrAskingForExtraDnsNamesBesideItsOwnSpiffeIdIsRefused() {
    byte[] csr =
        TestDevice.csr(
            TestDevice.p256(),
            new X500Name("CN=cam-7"),
            TestDevice.uri("spiffe://cordon.local/device/cam-7"),
            TestDevice.dns("controller.cordon.local"));

    IssuanceRefused refused = refusal(csr);

    assertEquals(Reason.NAMES_NOT_ALLOWED, refused.reason());
    assertTrue(refused.getMessage().contains("DNS:controller.cordon.local"), refused.getMessage());
  }

  @Test
  void aCsrAskingForAnotherSubjectIsRefusedNamingRequestedAndAllowed() {
    byte[] csr = TestDevice.csr(TestDevice.p256(), new X500Name("CN=admin,O=cordon.local"));

    IssuanceRefused refused = refusal(csr);

    assertEquals(Reason.SUBJECT_NOT_ALLOWED, refused.reason());
    assertTrue(refused.getMessage().contains("'CN=admin,O=cordon.local'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("CN=cam-7"), refused.getMessage());
  }

  @Test
  void aCsrAskingForExactlyWhatTheRegistryAssignsIsAccepted() {
    byte[] csr =
        TestDevice.csr(
            TestDevice.p256(),
            new X500Name("O=cordon.local,OU=device,CN=cam-7"),
            TestDevice.uri("spiffe://cordon.local/device/cam-7"));

    assertEquals(
        "CN=cam-7,OU=device,O=cordon.local",
        ca.issue(NOW, registration, csr).getSubjectX500Principal().getName());
  }

  @Test
  void anRsaKeyIsRefusedNamingTheAllowedKeyTypes() {
    IssuanceRefused refused = refusal(TestDevice.csr(TestDevice.generate("RSA", 2048)));

    assertEquals(Reason.KEY_TYPE_NOT_ALLOWED, refused.reason());
    assertEquals(
        "the CSR's key is RSA; allowed keys: EC P-256 (secp256r1) or Ed25519",
        refused.getMessage());
  }

  @Test
  void anEcKeyOnAnotherCurveIsRefused() {
    IssuanceRefused refused = refusal(TestDevice.csr(TestDevice.ec("secp384r1")));

    assertEquals(Reason.KEY_TYPE_NOT_ALLOWED, refused.reason());
    assertTrue(refused.getMessage().contains("1.3.132.0.34"), refused.getMessage());
  }
}
