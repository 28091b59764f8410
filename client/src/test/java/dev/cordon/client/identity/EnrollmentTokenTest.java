package dev.cordon.client.identity;

import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.cordon.proto.v1.TokenEnvelope;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrollmentTokenTest {

  static TokenEnvelope envelope() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    byte[] fingerprint = new byte[32];
    Arrays.fill(fingerprint, (byte) 0xab);
    return TokenEnvelope.newBuilder()
        .setTokenId("t-1")
        .setSecret(ByteString.copyFrom(secret))
        .setControllerAddress("controller.test:7443")
        .setCaFingerprint(ByteString.copyFrom(fingerprint))
        .setTrustDomain("cordon.test")
        .build();
  }

  static String encode(TokenEnvelope envelope) {
    return "cordon1_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.toByteArray());
  }

  private static String refusal(String text) {
    return assertThrows(TokenFormatException.class, () -> EnrollmentToken.decode(text))
        .getMessage();
  }

  @Test
  void aWellFormedTokenYieldsTheControllerAndThePin() throws Exception {
    EnrollmentToken token = EnrollmentToken.decode("  " + encode(envelope()) + "\n");
    assertEquals("controller.test:7443", token.controllerAddress());
    assertEquals("cordon.test", token.trustDomain());
    assertArrayEquals(envelope().getCaFingerprint().toByteArray(), token.caFingerprint());
    assertEquals(encode(envelope()), token.text());
  }

  @Test
  void toStringNeverShowsTheSecretOrTheText() throws Exception {
    String shown = EnrollmentToken.decode(encode(envelope())).toString();
    assertFalse(shown.contains(encode(envelope()).substring(8, 30)), shown);
    assertContains(shown, "t-1", "controller.test:7443");
  }

  @Test
  void aStringWithoutThePrefixIsNotACordonToken() {
    assertContains(refusal("tskey-auth-123"), "not a cordon token", "cordon1_");
  }

  @Test
  void aTokenOfAnotherVersionNamesBothVersions() {
    assertContains(refusal("cordon2_AAAA"), "version 2 token", "only version 1");
  }

  @Test
  void aTokenThatIsNotBase64urlIsCorrupt() {
    assertContains(refusal("cordon1_not*base64!"), "corrupt token", "base64url");
  }

  @Test
  void aTruncatedTokenIsCorrupt() {
    String whole = encode(envelope());
    assertContains(refusal(whole.substring(0, whole.length() - 20)), "corrupt token");
  }

  @Test
  void aTokenWithAShortFingerprintIsCorrupt() {
    String text =
        encode(envelope().toBuilder().setCaFingerprint(ByteString.copyFrom(new byte[8])).build());
    assertContains(refusal(text), "corrupt token", "CA fingerprint is 8 bytes");
  }

  @Test
  void anEmptyTokenIsRefused() {
    assertContains(refusal("   "), "empty");
  }
}
