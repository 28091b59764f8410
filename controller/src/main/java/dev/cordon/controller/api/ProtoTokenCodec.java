package dev.cordon.controller.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cordon.controller.ca.CaFingerprint;
import dev.cordon.controller.enroll.EnrollmentRefused;
import dev.cordon.controller.enroll.TokenClaim;
import dev.cordon.controller.enroll.TokenCodec;
import dev.cordon.proto.v1.TokenEnvelope;
import java.util.Base64;
import java.util.HexFormat;

/** {@code "cordon1_" + base64url(TokenEnvelope)}, unpadded, as enrollment.proto defines it. */
public final class ProtoTokenCodec implements TokenCodec {

  public static final String PREFIX = "cordon1_";

  /** A real token is about 150 characters; refuse to decode anything far larger. */
  private static final int MAX_LENGTH = 1024;

  @Override
  public String encode(TokenClaim claim) {
    TokenEnvelope envelope =
        TokenEnvelope.newBuilder()
            .setTokenId(claim.tokenId())
            .setSecret(ByteString.copyFrom(claim.secret()))
            .setControllerAddress(claim.controllerAddress())
            .setCaFingerprint(
                ByteString.copyFrom(HexFormat.of().parseHex(claim.caFingerprint().hex())))
            .setTrustDomain(claim.trustDomain())
            .build();
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.toByteArray());
  }

  @Override
  public TokenClaim decode(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > MAX_LENGTH) {
      throw malformed("it does not start with " + PREFIX + " or is too long");
    }
    TokenEnvelope envelope;
    try {
      envelope =
          TokenEnvelope.parseFrom(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())));
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      throw malformed("its body is not base64url of a token envelope");
    }
    if (envelope.getTokenId().isEmpty()
        || envelope.getSecret().size() != 32
        || envelope.getCaFingerprint().size() != 32
        || envelope.getTrustDomain().isEmpty()) {
      throw malformed("its envelope lacks an id, a 32-byte secret or a CA fingerprint");
    }
    return new TokenClaim(
        envelope.getTokenId(),
        envelope.getSecret().toByteArray(),
        envelope.getControllerAddress(),
        new CaFingerprint(HexFormat.of().formatHex(envelope.getCaFingerprint().toByteArray())),
        envelope.getTrustDomain());
  }

  private static EnrollmentRefused malformed(String why) {
    return new EnrollmentRefused(
        EnrollmentRefused.Reason.MALFORMED_TOKEN, "the token is not a Cordon token: " + why);
  }
}
