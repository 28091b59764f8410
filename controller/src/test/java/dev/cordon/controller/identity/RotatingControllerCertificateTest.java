package dev.cordon.controller.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.CaConfig;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.testing.MutableClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingControllerCertificateTest {

  @TempDir Path dir;
  private final Instant start = Instant.parse("2026-03-01T08:00:00Z");
  private final MutableClock clock = new MutableClock(start);

  /** A controller whose certificate lives two minutes, as --cert-lifetime controller=2m makes. */
  private RotatingControllerCertificate rotating() {
    IssuanceOptions twoMinutes =
        IssuanceOptions.DEFAULT
            .withLifetime(PrincipalKind.CONTROLLER, Duration.ofMinutes(2))
            .withBackdate(Duration.ZERO);
    CertificateAuthority ca =
        CertificateAuthority.createOrLoad(
            CaConfig.of(dir.resolve("ca"), "cordon.local").withOptions(twoMinutes), start);
    SecureRandom random = new SecureRandom();
    return new RotatingControllerCertificate(
        now ->
            ControllerCertificate.issue(
                ca,
                "c1",
                List.of("localhost"),
                List.of(InetAddress.getLoopbackAddress()),
                now,
                random),
        clock);
  }

  @Test
  void theCertificateIsReplacedFromTwoThirdsOfItsLifeAndNotBefore() {
    RotatingControllerCertificate tls = rotating();
    X509Certificate first = tls.current().chain().getFirst();
    String firstAlias = tls.chooseServerAlias("EC", null, null);

    clock.advance(Duration.ofSeconds(79));
    assertFalse(tls.renewIfDue(), "at 79 s of 120 it is not due");
    clock.advance(Duration.ofSeconds(2));
    assertTrue(tls.renewIfDue(), "at 81 s it is");

    X509Certificate second = tls.current().chain().getFirst();
    assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
    assertNotEquals(first.getPublicKey(), second.getPublicKey(), "a new key, too");
    String secondAlias = tls.chooseServerAlias("EC", null, null);
    assertNotEquals(firstAlias, secondAlias, "new handshakes get the new one");
    assertEquals(second, tls.getCertificateChain(secondAlias)[0]);
    assertEquals(first, tls.getCertificateChain(firstAlias)[0], "a handshake under way finishes");
    assertEquals(
        tls.current().key(), tls.getPrivateKey(secondAlias), "key and chain come as a pair");
    assertFalse(tls.renewIfDue(), "the new one is not due yet");
  }

  @Test
  void aTwoMinuteCertificateIsCheckedEveryTwelveSecondsAndOnlyEcIsOffered() {
    RotatingControllerCertificate tls = rotating();

    assertEquals(Duration.ofSeconds(12), tls.checkEvery());
    assertNull(tls.chooseServerAlias("RSA", null, null));
    assertNull(tls.getCertificateChain("unknown"));
  }
}
