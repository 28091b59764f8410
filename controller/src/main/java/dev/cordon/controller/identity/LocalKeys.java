package dev.cordon.controller.identity;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * Keys the controller makes for itself: its own TLS key, and the first owner's key, which is made
 * on the controller host because that admin has no other way in. Never used for devices, gateways
 * or later admins: they make their keys and send CSRs.
 */
public final class LocalKeys {

  private LocalKeys() {}

  public static KeyPair p256(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make P-256 keys", e);
    }
  }

  /** A CSR with an empty subject: the registry assigns every name. */
  public static byte[] csr(KeyPair keys) {
    try {
      return new PKCS10CertificationRequestBuilder(
              new X500Name(new RDN[0]),
              SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
          .getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build a CSR for a local key", e);
    }
  }
}
