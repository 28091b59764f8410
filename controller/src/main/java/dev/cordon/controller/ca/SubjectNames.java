package dev.cordon.controller.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The subject and alternative names a registration gets; one place so issuing and checking agree.
 */
final class SubjectNames {

  private SubjectNames() {}

  /** {@code O=<trust domain>, OU=<kind>, CN=<name>}: readable in logs, never used for authz. */
  static X500Name subject(Principal principal) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, principal.trustDomain())
        .addRDN(BCStyle.OU, principal.kind().pathSegment())
        .addRDN(BCStyle.CN, principal.name())
        .build();
  }

  /** The short form a CSR may carry instead of the full subject. */
  static X500Name commonNameOnly(Principal principal) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, principal.name()).build();
  }

  static GeneralNames alternativeNames(Registration registration) {
    List<GeneralName> names = new ArrayList<>();
    names.add(
        new GeneralName(
            GeneralName.uniformResourceIdentifier, registration.principal().spiffeId().toString()));
    for (String dns : registration.dnsNames()) {
      names.add(new GeneralName(GeneralName.dNSName, dns.toLowerCase(Locale.ROOT)));
    }
    for (InetAddress ip : registration.ipAddresses()) {
      names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /**
   * A comparable, human-readable form: {@code URI:spiffe://...}, {@code DNS:...}, {@code IP:...}.
   */
  static String describe(GeneralName name) {
    return switch (name.getTagNo()) {
      case GeneralName.uniformResourceIdentifier -> "URI:" + text(name);
      case GeneralName.dNSName -> "DNS:" + text(name).toLowerCase(Locale.ROOT);
      case GeneralName.rfc822Name -> "email:" + text(name);
      case GeneralName.iPAddress -> "IP:" + ip(name);
      case GeneralName.directoryName -> "dirName:" + X500Name.getInstance(name.getName());
      default -> "GeneralName[" + name.getTagNo() + "]";
    };
  }

  private static String text(GeneralName name) {
    return name.getName() instanceof ASN1String s ? s.getString() : String.valueOf(name.getName());
  }

  private static String ip(GeneralName name) {
    byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
    try {
      return InetAddress.getByAddress(octets).getHostAddress();
    } catch (UnknownHostException e) {
      // Only wrong-length addresses land here; show the bytes rather than fail the description.
      return "<" + octets.length + " bytes>";
    }
  }
}
