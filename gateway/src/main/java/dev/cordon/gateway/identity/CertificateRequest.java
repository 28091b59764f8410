package dev.cordon.gateway.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A fresh certificate key (ECDSA P-256) and the PKCS#10 request proving it. The subject is empty:
 * the controller takes only the public key, the gateway's identity comes from its registry.
 */
final class CertificateRequest {
  private CertificateRequest() {}

  static KeyPair freshKey(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has P-256", e);
    }
  }

  /** DER PKCS#10 for {@code key}, signed with its private half. */
  static byte[] der(KeyPair key) {
    try {
      return new JcaPKCS10CertificationRequestBuilder(new X500Name(new RDN[0]), key.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
          .getEncoded();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("every Java runtime signs with ECDSA", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
