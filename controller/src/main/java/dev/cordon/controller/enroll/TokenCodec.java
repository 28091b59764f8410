package dev.cordon.controller.enroll;

/**
 * Turns a claim into the string shown to the admin and back; implemented by the API layer ({@code
 * "cordon1_" + base64url(TokenEnvelope)}).
 */
public interface TokenCodec {

  String encode(TokenClaim claim);

  /**
   * @throws EnrollmentRefused with {@link EnrollmentRefused.Reason#MALFORMED_TOKEN} when the string
   *     is not a token; the message never repeats the string
   */
  TokenClaim decode(String token);
}
