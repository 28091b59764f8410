package dev.cordon.client.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class CertificateKeysTest {

  @Test
  void theCsrVerifiesAndCarriesTheGeneratedPublicKey() throws Exception {
    var keys = CertificateKeys.generate(new SecureRandom());
    var csr = new JcaPKCS10CertificationRequest(CertificateKeys.csr(keys, "cordon device"));
    assertTrue(
        csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey())));
    assertArrayEquals(keys.getPublic().getEncoded(), csr.getPublicKey().getEncoded());
    assertEquals(0, csr.getSubject().getRDNs().length, "the controller assigns the subject");
  }

  @Test
  void aCsrWhoseBytesWereAlteredFailsVerification() throws Exception {
    var keys = CertificateKeys.generate(new SecureRandom());
    byte[] der = CertificateKeys.csr(keys, "cordon device");
    der[der.length - 5] ^= 1; // inside the signature
    var csr = new PKCS10CertificationRequest(der);
    var publicKey = new JcaPKCS10CertificationRequest(csr).getPublicKey();
    assertFalse(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey)));
  }

  @Test
  void theWireGuardPublicKeyIsDerivedFromThePrivateKey() {
    // RFC 7748 section 6.1: Alice's private and public key.
    byte[] privateKey =
        java.util.HexFormat.of()
            .parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    assertArrayEquals(
        java.util.HexFormat.of()
            .parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        WireGuardKeyPair.fromPrivate(privateKey).publicKey());
  }
}
