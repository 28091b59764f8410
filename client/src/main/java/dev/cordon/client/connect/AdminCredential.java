package dev.cordon.client.connect;

import dev.cordon.client.identity.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An administrator's credential: a directory holding {@code admin.key} (PKCS#8 PEM, 0600), {@code
 * admin.crt} (the certificate chain, leaf first) and {@code ca.crt} (the CA bundle, root first).
 * {@code cordon admin create} writes one; the controller writes the first owner's at first start.
 */
public record AdminCredential(Path directory) {

  public static final String KEY = "admin.key";
  public static final String CERTIFICATE = "admin.crt";
  public static final String CA_BUNDLE = "ca.crt";

  public PrivateKey key() throws IOException, GeneralSecurityException {
    return Pem.parsePrivateKey(read(KEY));
  }

  public List<X509Certificate> chain() throws IOException, GeneralSecurityException {
    return Pem.parseCertificates(read(CERTIFICATE));
  }

  public List<X509Certificate> caBundle() throws IOException, GeneralSecurityException {
    return Pem.parseCertificates(read(CA_BUNDLE));
  }

  /**
   * The trust domain of the admin's own SPIFFE id (spiffe://DOMAIN/admin/NAME): the controller must
   * belong to the same one.
   */
  public String trustDomain() throws IOException, GeneralSecurityException {
    X509Certificate leaf = chain().getFirst();
    var names = leaf.getSubjectAlternativeNames();
    if (names != null) {
      for (List<?> name : names) {
        if (Integer.valueOf(6).equals(name.get(0))
            && String.valueOf(name.get(1)).startsWith("spiffe://")) {
          String rest = String.valueOf(name.get(1)).substring("spiffe://".length());
          int slash = rest.indexOf('/');
          return slash < 0 ? rest : rest.substring(0, slash);
        }
      }
    }
    throw new GeneralSecurityException(
        directory.resolve(CERTIFICATE) + " carries no spiffe:// identity");
  }

  private String read(String name) throws IOException {
    return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
  }
}
