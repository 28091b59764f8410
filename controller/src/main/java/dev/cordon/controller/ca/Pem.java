package dev.cordon.controller.ca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** Certificates to and from PEM, the form the CA writes to disk and hands to devices. */
public final class Pem {

  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  public static String certificate(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /** A bundle: the certificates' PEM blocks one after another. */
  public static String certificates(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    certificates.forEach(c -> out.append(certificate(c)));
    return out.toString();
  }

  /**
   * Reads every certificate in PEM (one or more blocks) or DER.
   *
   * @throws IllegalArgumentException if the bytes hold no certificate or something else
   */
  public static List<X509Certificate> readCertificates(byte[] encoded) {
    try {
      Collection<? extends Certificate> parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(encoded));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : parsed) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate found");
      }
      return List.copyOf(out);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** Exactly one certificate; a bundle where one is expected is a mistake worth naming. */
  public static X509Certificate readCertificate(byte[] encoded) {
    List<X509Certificate> all = readCertificates(encoded);
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one certificate, found " + all.size());
    }
    return all.getFirst();
  }

  static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + BASE64.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
