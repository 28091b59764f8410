package dev.cordon.gateway.sync;

import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import dev.cordon.gateway.identity.CertificateRenewer;
import dev.cordon.gateway.identity.CredentialFiles;
import dev.cordon.gateway.identity.RenewableKeyManager;
import dev.cordon.gateway.identity.TrustBundle;
import dev.cordon.gateway.support.SpiffeCa;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renewal path end to end with the real classes: the renewer, the credential files, the key
 * manager, the trust bundle and the trust manager the controller channel uses. A CA rotation is a
 * controller answering Renew with a leaf and a bundle from another CA.
 */
class TrustFollowsRenewalTest {
  static final String DOMAIN = "cordon.test";
  static final String GATEWAY = "spiffe://" + DOMAIN + "/gateway/gw1";

  @TempDir Path dir;
  final SpiffeCa enrolled = new SpiffeCa("enrolled ca");
  final SpiffeCa rotated = new SpiffeCa("rotated ca");
  final List<String> events = new ArrayList<>();
  List<ByteString> offeredBundle;
  TrustBundle bundle;
  ControllerTrust trust;
  RenewableKeyManager keys;
  CertificateRenewer renewer;

  @BeforeEach
  void enrolled() throws Exception {
    var key = SpiffeCa.freshKey();
    var chain = List.of(enrolled.leaf(key.getPublic(), GATEWAY));
    List<X509Certificate> caBundle = List.of(enrolled.certificate());
    CredentialFiles.replace(
        dir, new RenewableKeyManager.Identity(key.getPrivate(), chain), caBundle);
    keys = new RenewableKeyManager(key.getPrivate(), chain);
    bundle = new TrustBundle(caBundle);
    trust = new ControllerTrust(bundle, DOMAIN);
    offeredBundle = List.of(ByteString.copyFrom(rotated.certificate().getEncoded()));
    renewer =
        new CertificateRenewer(
            dir,
            keys,
            bundle,
            this::rotatedController,
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(1)),
            new SecureRandom(),
            InstantSource.system(),
            new CertificateRenewer.Listener() {
              public void renewed(X509Certificate leaf) {
                events.add("renewed by " + leaf.getIssuerX500Principal().getName());
              }

              public void failed(String why, Duration retryIn) {
                events.add("failed " + why);
              }
            });
  }

  /** A controller whose CA was rotated: the new leaf and {@link #offeredBundle}. */
  RenewResponse rotatedController(RenewRequest request) {
    try {
      var csr =
          new JcaPKCS10CertificationRequest(
              new PKCS10CertificationRequest(request.getCsrDer().toByteArray()));
      X509Certificate leaf = rotated.leaf(csr.getPublicKey(), GATEWAY);
      return RenewResponse.newBuilder()
          .addCertificateChain(ByteString.copyFrom(leaf.getEncoded()))
          .addAllCaBundle(offeredBundle)
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void trusts(SpiffeCa ca) throws CertificateException {
    trust.checkServerTrusted(new X509Certificate[] {ca.controller(DOMAIN, "c1")}, "ECDHE_ECDSA");
  }

  void refuses(SpiffeCa ca) {
    var e = assertThrows(CertificateException.class, () -> trusts(ca));
    assertEquals("the controller's chain is not valid under the CA", e.getMessage());
  }

  List<X509Certificate> caOnDisk() throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.crt"))))) {
      out.add((X509Certificate) c);
    }
    return out;
  }

  @Test
  void a_renewal_carrying_a_rotated_ca_makes_its_controllers_trusted_and_the_old_ca_s_refused()
      throws Exception {
    trusts(enrolled);
    refuses(rotated);

    renewer.attempt();

    assertEquals(List.of("renewed by CN=rotated ca"), events);
    trusts(rotated);
    refuses(enrolled);
    assertEquals(
        List.of(rotated.certificate()), caOnDisk(), "a restart reads the bundle now trusted");
  }

  @Test
  void a_renewal_without_a_ca_bundle_installs_the_certificate_and_keeps_the_trust_in_use()
      throws Exception {
    offeredBundle = List.of();

    renewer.attempt();

    assertEquals(List.of("renewed by CN=rotated ca"), events);
    trusts(enrolled);
    refuses(rotated);
    assertEquals(List.of(enrolled.certificate()), caOnDisk(), "disk and memory still agree");
  }

  @Test
  void a_renewal_whose_ca_bundle_does_not_parse_installs_the_certificate_and_keeps_the_trust()
      throws Exception {
    offeredBundle = List.of(ByteString.copyFromUtf8("not a certificate"));

    renewer.attempt();

    assertEquals(List.of("renewed by CN=rotated ca"), events);
    assertEquals("CN=rotated ca", keys.current().leaf().getIssuerX500Principal().getName());
    trusts(enrolled);
    refuses(rotated);
    assertEquals(List.of(enrolled.certificate()), caOnDisk(), "disk and memory still agree");
  }
}
