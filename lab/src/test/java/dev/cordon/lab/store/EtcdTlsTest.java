package dev.cordon.lab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.daemon.ControllerRuntime;
import dev.cordon.controller.daemon.ControllerSettings;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.controller.store.EtcdStoreOptions;
import dev.cordon.controller.store.EtcdTls;
import dev.cordon.controller.store.Store;
import dev.cordon.lab.EtcdCluster;
import dev.cordon.lab.LabTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's store over TLS to a real etcd that demands client certificates: the certificates
 * are made here with Bouncy Castle, as an operator's own PKI would make them.
 */
@LabTest
class EtcdTlsTest {
  @TempDir static Path dir;
  static EtcdCluster etcd;
  static Path ca;
  static Path clientCert;
  static Path clientKey;
  static Path otherCa;
  private static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void startEtcdWithMutualTls() throws Exception {
    Instant now = Instant.now();
    KeyPair caKeys = p256();
    X509Certificate caCert = issue("CN=etcd test CA", caKeys, "CN=etcd test CA", caKeys, now, null);
    KeyPair serverKeys = p256();
    X509Certificate server =
        issue("CN=etcd test CA", caKeys, "CN=etcd", serverKeys, now, KeyPurposeId.id_kp_serverAuth);
    KeyPair clientKeys = p256();
    X509Certificate client =
        issue(
            "CN=etcd test CA",
            caKeys,
            "CN=cordon-controller",
            clientKeys,
            now,
            KeyPurposeId.id_kp_clientAuth);
    KeyPair otherKeys = p256();
    X509Certificate other =
        issue("CN=another CA", otherKeys, "CN=another CA", otherKeys, now, null);
    ca = write("ca.crt", pem("CERTIFICATE", caCert.getEncoded()));
    Path serverCert = write("server.crt", pem("CERTIFICATE", server.getEncoded()));
    Path serverKey = write("server.key", key(serverKeys.getPrivate()));
    clientCert = write("client.crt", pem("CERTIFICATE", client.getEncoded()));
    clientKey = write("client.key", key(clientKeys.getPrivate()));
    otherCa = write("other-ca.crt", pem("CERTIFICATE", other.getEncoded()));
    etcd =
        EtcdCluster.start(dir.resolve("etcd"), 1, new EtcdCluster.Tls(serverCert, serverKey, ca));
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static String storeFlag() {
    return "etcd://" + etcd.clientEndpoints().getFirst().substring("https://".length());
  }

  private ControllerSettings settings(String name, EtcdTls tls) {
    return new ControllerSettings(
        name,
        new InetSocketAddress("127.0.0.1", 0),
        dir.resolve(name),
        "cordon.local",
        storeFlag(),
        "127.0.0.1:7443",
        AddressPool.DEFAULT,
        Optional.empty(),
        List.of(),
        IssuanceOptions.DEFAULT,
        Optional.of(tls),
        Optional.empty());
  }

  @Test
  void aControllerRunsOnEtcdOverMutualTls() {
    StringWriter out = new StringWriter();
    try (ControllerRuntime runtime =
        ControllerRuntime.start(
            settings("c1", EtcdTls.mutual(ca, clientCert, clientKey)),
            Clock.systemUTC(),
            new PrintWriter(out))) {
      assertTrue(runtime.port() > 0);
    }

    assertTrue(out.toString().contains("store: etcd at https://127.0.0.1:"), out.toString());
    assertTrue(out.toString().contains("(TLS, client certificate)"), out.toString());
    assertTrue(out.toString().contains("owner credential: written to"), out.toString());
    try (Store store =
        Store.connectEtcd(
            etcd.clientEndpoints(),
            EtcdStoreOptions.builder().tls(EtcdTls.mutual(ca, clientCert, clientKey)).build())) {
      assertTrue(store.get("/admins/owner").isPresent(), "the controller's first owner is in etcd");
    }
  }

  @Test
  void aWrongCaStopsTheStartWithAMessageThatSaysSo() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                ControllerRuntime.start(
                    settings("c2", EtcdTls.mutual(otherCa, clientCert, clientKey)),
                    Clock.systemUTC(),
                    new PrintWriter(new StringWriter())));

    assertTrue(refused.getMessage().contains("the TLS handshake failed"), refused.getMessage());
    assertTrue(
        refused.getMessage().contains("signed by the CA in --etcd-ca " + otherCa),
        refused.getMessage());
  }

  @Test
  void aMissingOrHalfGivenFileIsNamedBeforeAnyConnection() {
    Path absent = dir.resolve("absent.crt");
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Store.connectEtcd(
                    etcd.clientEndpoints(),
                    EtcdStoreOptions.builder().tls(EtcdTls.serverOnly(absent)).build()));
    assertEquals("--etcd-ca " + absent + ": no such file", missing.getMessage());

    IllegalArgumentException half =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EtcdTls(ca, Optional.of(clientCert), Optional.empty()));
    assertTrue(half.getMessage().contains("--etcd-cert and --etcd-key together"));
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  /** A certificate; {@code purpose} null makes a CA. */
  private static X509Certificate issue(
      String issuer,
      KeyPair issuerKeys,
      String subject,
      KeyPair subjectKeys,
      Instant now,
      KeyPurposeId purpose)
      throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name(subject),
            subjectKeys.getPublic());
    if (purpose == null) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    } else {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      // etcd's own gateway dials its client port with the server certificate: it needs both.
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          purpose == KeyPurposeId.id_kp_serverAuth
              ? new ExtendedKeyUsage(
                  new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
              : new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String key(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  private static Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
