package dev.cordon.gateway.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.identity.TrustBundle;
import dev.cordon.gateway.support.SpiffeCa;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerTrustTest {
  static final String DOMAIN = "cordon.test";

  final SpiffeCa enrolled = new SpiffeCa("enrolled ca");
  final SpiffeCa rotated = new SpiffeCa("rotated ca");
  final TrustBundle bundle = new TrustBundle(List.of(enrolled.certificate()));
  final ControllerTrust trust = new ControllerTrust(bundle, DOMAIN);

  X509Certificate[] controllerOf(SpiffeCa ca) {
    return new X509Certificate[] {ca.controller(DOMAIN, "c1")};
  }

  String refusal(SpiffeCa ca) {
    return assertThrows(
            CertificateException.class,
            () -> trust.checkServerTrusted(controllerOf(ca), "ECDHE_ECDSA"))
        .getMessage();
  }

  @Test
  void before_a_renewal_the_enrolled_ca_s_controller_is_trusted_and_another_ca_s_is_refused()
      throws Exception {
    trust.checkServerTrusted(controllerOf(enrolled), "ECDHE_ECDSA");
    assertEquals("the controller's chain is not valid under the CA", refusal(rotated));
    assertArrayEquals(new X509Certificate[] {enrolled.certificate()}, trust.getAcceptedIssuers());
  }

  @Test
  void after_the_bundle_is_replaced_the_new_ca_s_controller_is_trusted_and_the_old_ca_s_refused()
      throws Exception {
    assertTrue(bundle.replace(List.of(rotated.certificate())));

    trust.checkServerTrusted(controllerOf(rotated), "ECDHE_ECDSA");
    assertEquals("the controller's chain is not valid under the CA", refusal(enrolled));
    assertArrayEquals(new X509Certificate[] {rotated.certificate()}, trust.getAcceptedIssuers());
  }

  @Test
  void an_empty_bundle_is_refused_and_the_old_trust_stays_in_place() throws Exception {
    assertFalse(bundle.replace(List.of()), "an empty bundle must not be installed");

    trust.checkServerTrusted(controllerOf(enrolled), "ECDHE_ECDSA");
    assertEquals("the controller's chain is not valid under the CA", refusal(rotated));
    assertEquals(List.of(enrolled.certificate()), bundle.current());
  }

  @Test
  void a_bundle_with_a_missing_certificate_is_refused_and_the_old_trust_stays_in_place() {
    var holed = new java.util.ArrayList<X509Certificate>();
    holed.add(rotated.certificate());
    holed.add(null);
    assertFalse(bundle.replace(holed));
    assertEquals(List.of(enrolled.certificate()), bundle.current());
  }

  @Test
  void a_gateway_cannot_start_with_an_empty_bundle() {
    var e = assertThrows(IllegalArgumentException.class, () -> new TrustBundle(List.of()));
    assertEquals("the CA bundle is empty", e.getMessage());
  }

  @Test
  void a_certificate_of_the_trusted_ca_that_is_not_a_controller_s_is_refused() {
    X509Certificate gateway =
        enrolled.leaf(SpiffeCa.freshKey().getPublic(), "spiffe://" + DOMAIN + "/gateway/gw1");
    var e =
        assertThrows(
            CertificateException.class,
            () -> trust.checkServerTrusted(new X509Certificate[] {gateway}, "ECDHE_ECDSA"));
    assertEquals("the server is not a controller of " + DOMAIN, e.getMessage());
  }

  @Test
  void a_controller_of_another_trust_domain_is_refused_even_under_the_trusted_ca() {
    var other = new X509Certificate[] {enrolled.controller("elsewhere.test", "c1")};
    var e =
        assertThrows(
            CertificateException.class, () -> trust.checkServerTrusted(other, "ECDHE_ECDSA"));
    assertEquals("the server is not a controller of " + DOMAIN, e.getMessage());
  }
}
