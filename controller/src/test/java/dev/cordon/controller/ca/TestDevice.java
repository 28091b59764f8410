package dev.cordon.controller.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * What a device does before enrolling: make its own keys (TLS identity and WireGuard) and a CSR.
 * The controller code never does any of this.
 */
final class TestDevice {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final String DOMAIN = "cordon.local";
  static final Provider BC = new BouncyCastleProvider();
  static final SecureRandom RANDOM = new SecureRandom();

  private TestDevice() {}

  static KeyPair p256() {
    return ec("secp256r1");
  }

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair generate(String algorithm, int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (size > 0) {
        generator.initialize(size, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The raw 32 bytes `wg pubkey` would print in base64: the tail of the X25519 SPKI. */
  static WireGuardPublicKey wireGuardKey() {
    byte[] spki = generate("X25519", 0).getPublic().getEncoded();
    return WireGuardPublicKey.of(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  static byte[] csr(KeyPair keys) {
    return csr(keys, new X500Name(new org.bouncycastle.asn1.x500.RDN[0]));
  }

  static byte[] csr(KeyPair keys, X500Name subject, GeneralName... alternativeNames) {
    return csrSignedBy(keys.getPublic(), keys.getPrivate(), subject, alternativeNames);
  }

  /** A CSR carrying {@code claimed} but signed with {@code signer}: proof of possession fails. */
  static byte[] csrSignedBy(
      PublicKey claimed, PrivateKey signer, X500Name subject, GeneralName... alternativeNames) {
    try {
      PKCS10CertificationRequestBuilder builder =
          new PKCS10CertificationRequestBuilder(
              subject, SubjectPublicKeyInfo.getInstance(claimed.getEncoded()));
      if (alternativeNames.length > 0) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
            Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
        builder.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder
          .build(
              new JcaContentSignerBuilder(signatureAlgorithm(signer)).setProvider(BC).build(signer))
          .getEncoded();
    } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new AssertionError(e);
    }
  }

  static String pem(byte[] csrDer) {
    return Pem.block("CERTIFICATE REQUEST", csrDer);
  }

  static GeneralName uri(String uri) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
  }

  static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "RSA" -> "SHA256withRSA";
      default -> throw new AssertionError("no signature algorithm for " + key.getAlgorithm());
    };
  }
}
