package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.Verification.Reason;
import dev.cordon.controller.ca.Verification.Refused;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates signed by the real CA key but built by hand, to show the verifier does not trust a
 * certificate merely because our CA signed it: the identity inside must be well formed too.
 */
class HandMadeLeafTest {

  @TempDir Path dir;
  private CertificateAuthority ca;
  private PrivateKey caKey;

  @BeforeEach
  void createCa() throws Exception {
    ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
    caKey =
        CaDirectory.readPrivateKey(Files.readAllBytes(dir.resolve("ca-key.pem")), TestDevice.BC);
  }

  private X509v3CertificateBuilder leaf(String spiffeId, KeyPurposeId purpose) throws Exception {
    return new X509v3CertificateBuilder(
            X500Name.getInstance(ca.issuingCertificate().getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(42),
            Date.from(NOW.minusSeconds(60)),
            Date.from(NOW.plusSeconds(3600)),
            new X500Name("CN=hand-made"),
            SubjectPublicKeyInfo.getInstance(TestDevice.p256().getPublic().getEncoded()))
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
        .addExtension(
            Extension.subjectAlternativeName, false, new GeneralNames(TestDevice.uri(spiffeId)));
  }

  private Refused refused(X509v3CertificateBuilder builder) {
    X509Certificate cert = CaCertificates.sign(builder, caKey, TestDevice.RANDOM, TestDevice.BC);
    return assertInstanceOf(
        Refused.class, ca.verifier(new InMemoryRevocationList()).verify(NOW, cert));
  }

  @Test
  void aWireGuardExtensionOfTheWrongLengthIsRefusedAsMalformed() throws Exception {
    X509v3CertificateBuilder builder =
        leaf("spiffe://cordon.local/device/d1", KeyPurposeId.id_kp_clientAuth)
            .addExtension(
                WireGuardKeyExtension.OID, false, new DEROctetString(new byte[31]).getEncoded());

    Refused refused = refused(builder);

    assertEquals(Reason.MALFORMED_IDENTITY, refused.reason());
    assertTrue(refused.detail().contains("32 bytes"), refused.detail());
  }

  @Test
  void aDeviceCertificateWithoutAWireGuardBindingIsRefused() throws Exception {
    Refused refused =
        refused(leaf("spiffe://cordon.local/device/d1", KeyPurposeId.id_kp_clientAuth));

    assertEquals(Reason.WRONG_USAGE, refused.reason());
    assertTrue(refused.detail().contains("WireGuard"), refused.detail());
  }

  @Test
  void aControllerCertificateWithoutServerAuthIsRefused() throws Exception {
    Refused refused =
        refused(leaf("spiffe://cordon.local/controller/c1", KeyPurposeId.id_kp_clientAuth));

    assertEquals(Reason.WRONG_USAGE, refused.reason());
    assertTrue(refused.detail().contains("1.3.6.1.5.5.7.3.1"), refused.detail());
  }

  @Test
  void aSpiffeIdOfAnUnknownKindIsRefusedAsMalformed() throws Exception {
    Refused refused =
        refused(leaf("spiffe://cordon.local/printer/p1", KeyPurposeId.id_kp_clientAuth));

    assertEquals(Reason.MALFORMED_IDENTITY, refused.reason());
    assertTrue(refused.detail().contains("printer"), refused.detail());
  }
}
