package dev.cordon.controller.registry;

import dev.cordon.controller.ca.Pem;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A principal's current certificate and every certificate it was ever issued. */
public record Credential(X509Certificate current, List<IssuedCertificate> issued) {

  public Credential {
    issued = List.copyOf(issued);
  }

  public static Credential first(X509Certificate certificate) {
    return new Credential(certificate, List.of(IssuedCertificate.of(certificate)));
  }

  public Credential renewedTo(X509Certificate certificate) {
    List<IssuedCertificate> all = new ArrayList<>(issued);
    all.add(IssuedCertificate.of(certificate));
    return new Credential(certificate, all);
  }

  void write(StoredFields fields) {
    try {
      fields.put("cert", Base64.getEncoder().encodeToString(current.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode an issued certificate", e);
    }
    fields.putList("issued", issued.stream().map(IssuedCertificate::encode).toList());
  }

  static Credential read(StoredFields fields) {
    X509Certificate current = Pem.readCertificate(Base64.getDecoder().decode(fields.get("cert")));
    return new Credential(
        current, fields.getList("issued").stream().map(IssuedCertificate::decode).toList());
  }
}
