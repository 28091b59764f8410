package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.BC;
import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaf signatures made through whichever provider signs (AWS-LC, or the JDK's SunEC) must verify
 * everywhere, Bouncy Castle and the JDK included.
 */
class LeafSignatureTest {

  @TempDir Path dir;

  @Test
  void aP256IssuingKeySignsThroughTheSigningProvider() {
    KeyPair keys = TestDevice.p256();
    LeafCertificates.Signer signer =
        LeafCertificates.Signer.of(keys.getPrivate(), EcdsaProviders.jdk().signing(), BC);
    assertEquals("SunEC", signer.provider().getName());
    assertEquals("Signer[SunEC]", signer.toString(), "names the provider, never the key");
    Provider current = EcdsaProviders.current().signing();
    assertEquals(
        current.getName(),
        LeafCertificates.Signer.of(keys.getPrivate(), current, BC).provider().getName());
  }

  @Test
  void signingThroughBouncyCastleKeepsTheKeyAsItIs() {
    KeyPair keys = TestDevice.p256();
    LeafCertificates.Signer signer = LeafCertificates.Signer.of(keys.getPrivate(), BC, BC);
    assertEquals(BC, signer.provider());
    assertEquals(keys.getPrivate(), signer.key());
  }

  @Test
  void aLeafIssuedByANewCaVerifiesUnderBouncyCastleAndTheJdk() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
    assertVerifiesEverywhere(ca, issueOne(ca));
  }

  @Test
  void aLeafIssuedByAReloadedCaVerifiesUnderBouncyCastleAndTheJdk() throws Exception {
    CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
    CertificateAuthority reloaded = CertificateAuthority.load(CaConfig.of(dir, DOMAIN));
    assertVerifiesEverywhere(reloaded, issueOne(reloaded));
  }

  @Test
  void aLeafDoesNotVerifyUnderAnotherCasKey() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
    X509Certificate leaf = issueOne(ca);
    KeyPair other = TestDevice.p256();
    assertThrows(SignatureException.class, () -> leaf.verify(other.getPublic(), BC));
  }

  private static X509Certificate issueOne(CertificateAuthority ca) {
    Registration registration =
        Registration.device(Principal.device("d-sig", DOMAIN), TestDevice.wireGuardKey());
    return ca.issue(NOW, registration, TestDevice.csr(TestDevice.p256()));
  }

  private static void assertVerifiesEverywhere(CertificateAuthority ca, X509Certificate leaf)
      throws Exception {
    X509Certificate issuing = ca.issuingCertificate();
    leaf.verify(issuing.getPublicKey(), BC);
    leaf.verify(issuing.getPublicKey());
    assertTrue(
        new X509CertificateHolder(leaf.getEncoded())
            .isSignatureValid(
                new JcaContentVerifierProviderBuilder().setProvider(BC).build(issuing)),
        "Bouncy Castle's own certificate API accepts the signature");
  }
}
