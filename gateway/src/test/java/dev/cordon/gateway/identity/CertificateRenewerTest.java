package dev.cordon.gateway.identity;

import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import dev.cordon.gateway.support.SpiffeCa;
import dev.cordon.gateway.sync.Backoff;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRenewerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration LIFE = Duration.ofHours(24);

  @TempDir Path dir;
  Instant now = T0;
  final InstantSource clock = () -> now;
  final SpiffeCa ca = new SpiffeCa("test ca", T0);
  final List<byte[]> csrs = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  RuntimeException refuse;
  boolean wrongKey;
  Duration backdate = Duration.ZERO;
  RenewableKeyManager keys;
  TrustBundle trust;
  X509Certificate original;
  CertificateRenewer renewer;

  /** Full jitter made deterministic: always the backoff's ceiling. */
  static final class Ceiling implements RandomGenerator {
    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long nextLong(long bound) {
      return bound - 1;
    }
  }

  @BeforeEach
  void enrolled() throws Exception {
    var key = CertificateRequest.freshKey(new SecureRandom());
    original = ca.leaf(key.getPublic(), T0, T0.plus(LIFE));
    var identity = new RenewableKeyManager.Identity(key.getPrivate(), List.of(original));
    CredentialFiles.replace(dir, identity, List.of(ca.certificate()));
    keys = new RenewableKeyManager(key.getPrivate(), List.of(original));
    trust = new TrustBundle(List.of(ca.certificate()));
    renewer =
        new CertificateRenewer(
            dir,
            keys,
            trust,
            this::controller,
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Ceiling()),
            new SecureRandom(),
            clock,
            new CertificateRenewer.Listener() {
              public void renewed(X509Certificate leaf) {
                events.add("renewed " + leaf.getSerialNumber());
              }

              public void failed(String why, Duration retryIn) {
                events.add("failed " + why);
              }
            });
  }

  /** The controller's side: the CSR's key, certified from now for a day. */
  RenewResponse controller(RenewRequest request) {
    if (refuse != null) throw refuse;
    csrs.add(request.getCsrDer().toByteArray());
    try {
      var csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrs.getLast()));
      PublicKey subject =
          wrongKey
              ? CertificateRequest.freshKey(new SecureRandom()).getPublic()
              : csr.getPublicKey();
      X509Certificate leaf = ca.leaf(subject, now.minus(backdate), now.plus(LIFE));
      return RenewResponse.newBuilder()
          .addCertificateChain(ByteString.copyFrom(leaf.getEncoded()))
          .addCaBundle(ByteString.copyFrom(ca.certificate().getEncoded()))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  X509Certificate chainOnDisk() throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("device.crt"))));
  }

  /** Whether the key on disk made a signature the given certificate's key verifies. */
  boolean keyOnDiskMatches(X509Certificate cert) throws Exception {
    String pem = Files.readString(dir.resolve("device.key"));
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    var key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(cert.getPublicKey());
    v.update(new byte[] {1, 2, 3});
    return v.verify(sig);
  }

  @Test
  void before_two_thirds_of_its_life_nothing_is_asked_and_the_wait_ends_at_two_thirds() {
    now = T0.plus(Duration.ofHours(1));
    assertEquals(Duration.ofHours(15), renewer.step());
    assertTrue(csrs.isEmpty(), "asked the controller too early");
    assertSame(original, keys.current().leaf());
  }

  @Test
  void
      at_two_thirds_the_new_certificate_is_on_disk_and_presented_and_the_next_renewal_is_due_two_thirds_into_its_life()
          throws Exception {
    now = T0.plus(Duration.ofHours(16));
    Duration next = renewer.step();

    assertEquals(1, csrs.size());
    X509Certificate renewed = keys.current().leaf();
    assertNotEquals(original.getSerialNumber(), renewed.getSerialNumber());
    assertEquals(renewed, chainOnDisk(), "the file holds what the session presents");
    assertTrue(keyOnDiskMatches(renewed), "device.key is the renewed certificate's key");
    assertFalse(keyOnDiskMatches(original), "the old key was retired");
    assertArrayEquals(
        new X509Certificate[] {renewed},
        keys.getCertificateChain(keys.chooseClientAlias(null, null, null)));
    assertEquals(List.of("renewed " + renewed.getSerialNumber()), events);
    assertEquals(List.of(ca.certificate()), trust.current(), "the controller's bundle is trusted");
    assertEquals(Duration.ofHours(16), next);
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("ca.crt", "device.crt", "device.key"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no staged or temporary file is left");
    }
  }

  @Test
  void
      a_failed_renewal_keeps_the_old_certificate_and_retries_with_backoff_ever_sooner_before_expiry()
          throws Exception {
    byte[] chainBefore = Files.readAllBytes(dir.resolve("device.crt"));
    byte[] keyBefore = Files.readAllBytes(dir.resolve("device.key"));
    refuse = Status.UNAVAILABLE.withDescription("controller down").asRuntimeException();
    now = T0.plus(Duration.ofHours(16));

    Duration first = renewer.step();
    Duration second = renewer.step();
    Duration third = renewer.step();
    assertEquals(Duration.ofSeconds(1), first);
    assertEquals(Duration.ofSeconds(2), second);
    assertEquals(Duration.ofSeconds(4), third);
    assertArrayEquals(chainBefore, Files.readAllBytes(dir.resolve("device.crt")));
    assertArrayEquals(keyBefore, Files.readAllBytes(dir.resolve("device.key")));
    assertSame(original, keys.current().leaf());
    assertTrue(events.getFirst().contains("controller down"), events.toString());
    assertEquals(List.of(ca.certificate()), trust.current(), "a failed renewal keeps the trust");

    for (int i = 0; i < 20; i++) renewer.step();
    now = T0.plus(LIFE).minusSeconds(20);
    assertEquals(Duration.ofSeconds(5), renewer.step(), "at most a quarter of what is left");

    refuse = null;
    renewer.step();
    assertNotEquals(original.getSerialNumber(), keys.current().leaf().getSerialNumber());
    assertEquals(keys.current().leaf(), chainOnDisk());
  }

  @Test
  void a_certificate_for_another_key_than_the_one_sent_is_refused_and_nothing_changes()
      throws Exception {
    wrongKey = true;
    now = T0.plus(Duration.ofHours(17));
    renewer.step();
    assertSame(original, keys.current().leaf());
    assertEquals(original, chainOnDisk());
    assertTrue(keyOnDiskMatches(original));
    assertTrue(events.getFirst().contains("not for the key sent"), events.toString());
  }

  @Test
  void a_backdated_certificate_is_renewed_two_thirds_into_the_life_still_ahead_not_again_at_once() {
    backdate = Duration.ofHours(24);
    now = T0.plus(Duration.ofHours(16));
    Duration next = renewer.step();
    assertEquals(1, csrs.size());
    assertEquals(Duration.ofHours(16), next, "two thirds of the 24 h ahead, not of the 48 h span");
    assertEquals(next, renewer.step(), "nothing is asked before then");
    assertEquals(1, csrs.size());
  }
}
