package dev.cordon.client.identity;

import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.client.testing.TestCa;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerTrustManagerTest {

  private static final Clock CLOCK = Clock.fixed(TestCa.NOW, ZoneOffset.UTC);

  private static X509Certificate[] controllerChain(TestCa ca, String spiffeId) throws Exception {
    var keys = CertificateKeys.generate(new SecureRandom());
    return new X509Certificate[] {ca.issue(keys.getPublic(), spiffeId), ca.root()};
  }

  @Test
  void aChainEndingInThePinnedCaIsAccepted() throws Exception {
    TestCa ca = new TestCa("ours");
    var trust =
        ControllerTrustManager.pinned(
            ControllerTrustManager.fingerprint(ca.root()), "cordon.test", CLOCK);
    assertDoesNotThrow(
        () -> trust.verify(controllerChain(ca, "spiffe://cordon.test/controller/c1")));
  }

  @Test
  void aChainFromAnotherCaIsRefusedAsAFingerprintMismatch() throws Exception {
    TestCa ours = new TestCa("ours");
    TestCa theirs = new TestCa("ours"); // same name, different key and bytes
    var trust =
        ControllerTrustManager.pinned(
            ControllerTrustManager.fingerprint(ours.root()), "cordon.test", CLOCK);
    var refused =
        assertThrows(
            CaFingerprintMismatchException.class,
            () -> trust.verify(controllerChain(theirs, "spiffe://cordon.test/controller/c1")));
    assertContains(refused.getMessage(), "does not lead to the CA named in the token");
  }

  @Test
  void aPinnedRootAppendedToAForeignLeafIsRefusedBecauseTheSignatureFails() throws Exception {
    TestCa ours = new TestCa("ours");
    TestCa theirs = new TestCa("theirs");
    var keys = CertificateKeys.generate(new SecureRandom());
    X509Certificate[] forged = {
      theirs.issue(keys.getPublic(), "spiffe://cordon.test/controller/c1"), ours.root()
    };
    var trust =
        ControllerTrustManager.pinned(
            ControllerTrustManager.fingerprint(ours.root()), "cordon.test", CLOCK);
    var refused = assertThrows(CertificateException.class, () -> trust.verify(forged));
    assertContains(refused.getMessage(), "not valid under the CA");
  }

  @Test
  void aDeviceCertificateFromTheSameCaCannotPoseAsTheController() throws Exception {
    TestCa ca = new TestCa("ours");
    var trust = ControllerTrustManager.anchoredIn(List.of(ca.root()), "cordon.test", CLOCK);
    var refused =
        assertThrows(
            CertificateException.class,
            () -> trust.verify(controllerChain(ca, "spiffe://cordon.test/device/d-1")));
    assertContains(
        refused.getMessage(),
        "not a controller of trust domain 'cordon.test'",
        "spiffe://cordon.test/device/d-1");
  }
}
