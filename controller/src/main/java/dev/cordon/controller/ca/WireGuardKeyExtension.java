package dev.cordon.controller.ca;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The certificate extension that binds a WireGuard public key to an identity, so a gateway can
 * check "this tunnel key belongs to this device" offline, from the certificate alone.
 *
 * <p>OID: {@code 2.25.226678181051183738947647184647977978737.1}. The arc {@code 2.25.<uuid>} is
 * the ITU-T X.667 / RFC 4122 way to own an OID without registering one: the decimal number is a
 * random UUID generated once for Cordon; {@code .1} under it is this extension. The extension is
 * non-critical (verifiers that do not know it can still use the certificate) and its value is a DER
 * OCTET STRING holding the raw 32-byte X25519 public key.
 */
public final class WireGuardKeyExtension {

  /** Cordon's private arc: 2.25 followed by a UUID as an integer. */
  public static final ASN1ObjectIdentifier CORDON_ARC =
      new ASN1ObjectIdentifier("2.25.226678181051183738947647184647977978737");

  public static final ASN1ObjectIdentifier OID = CORDON_ARC.branch("1");

  private WireGuardKeyExtension() {}

  static Extension encode(WireGuardPublicKey key) throws IOException {
    return new Extension(OID, false, new DEROctetString(key.bytes()).getEncoded());
  }

  /**
   * Reads the bound key back from a certificate.
   *
   * @return empty if the certificate carries no such extension
   * @throws IllegalArgumentException if the extension is present but not a 32-byte OCTET STRING
   */
  public static Optional<WireGuardPublicKey> read(X509Certificate certificate) {
    // The JDK hands back the extnValue still wrapped in its outer OCTET STRING.
    byte[] wrapped = certificate.getExtensionValue(OID.getId());
    if (wrapped == null) {
      return Optional.empty();
    }
    try {
      byte[] inner = ASN1OctetString.getInstance(wrapped).getOctets();
      ASN1Primitive value = ASN1Primitive.fromByteArray(inner);
      return Optional.of(WireGuardPublicKey.of(ASN1OctetString.getInstance(value).getOctets()));
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "WireGuard key extension " + OID + " is malformed: " + e.getMessage(), e);
    }
  }
}
