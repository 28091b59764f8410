package dev.cordon.client.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The certificate key of a principal (ECDSA P-256) and the PKCS#10 request for it. The controller
 * takes only the public key from the request, subject and SANs come from its registry, so the
 * subject here is empty ({@code purpose} only documents the call site).
 */
public final class CertificateKeys {

  private static final String CURVE = "secp256r1";
  private static final String SIGNATURE = "SHA256withECDSA";

  private CertificateKeys() {}

  /** A fresh P-256 key pair. */
  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has P-256", e);
    }
  }

  /** A DER PKCS#10 request for {@code keys}, signed with its private key. */
  public static byte[] csr(KeyPair keys, String purpose) {
    try {
      var request =
          new JcaPKCS10CertificationRequestBuilder(
                  // Empty: the controller refuses any subject but its own assignment or none.
                  new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), keys.getPublic())
              .build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate()));
      return request.getEncoded();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("every Java runtime signs with ECDSA", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
