package dev.cordon.client.identity;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cordon.proto.v1.TokenEnvelope;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enrollment token as the device reads it: "cordon1_" followed by the unpadded base64url of a
 * {@link TokenEnvelope}. The device takes from it where the controller is and which CA to pin; the
 * secret travels back to the controller untouched inside {@link #text()}.
 *
 * <p>{@link #toString()} never shows the secret or the text, so a token can be logged by mistake
 * without leaking.
 */
public final class EnrollmentToken {

  /** The only format version this build reads. */
  public static final int VERSION = 1;

  /** The prefix of every version-1 token. */
  public static final String PREFIX = "cordon" + VERSION + "_";

  private static final Pattern VERSIONED = Pattern.compile("^cordon(\\d+)_(.*)$", Pattern.DOTALL);
  private static final int SECRET_BYTES = 32;
  private static final int FINGERPRINT_BYTES = 32;

  private final String text;
  private final TokenEnvelope envelope;

  private EnrollmentToken(String text, TokenEnvelope envelope) {
    this.text = text;
    this.envelope = envelope;
  }

  /** Reads a token string, surrounding blanks ignored. */
  public static EnrollmentToken decode(String raw) throws TokenFormatException {
    String text = raw == null ? "" : raw.strip();
    if (text.isEmpty()) {
      throw new TokenFormatException("the token is empty");
    }
    Matcher versioned = VERSIONED.matcher(text);
    if (!versioned.matches()) {
      throw new TokenFormatException(
          "not a cordon token: tokens start with '"
              + PREFIX
              + "' (copy the whole string 'cordon token create' printed)");
    }
    if (!versioned.group(1).equals(String.valueOf(VERSION))) {
      throw new TokenFormatException(
          "this is a version "
              + versioned.group(1)
              + " token but this cordon reads only version "
              + VERSION
              + " tokens: use the cordon release that matches your controller");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(versioned.group(2));
    } catch (IllegalArgumentException e) {
      throw new TokenFormatException(
          "corrupt token: it is not valid base64url (was it cut short or wrapped when copied?)", e);
    }
    TokenEnvelope envelope;
    try {
      envelope = TokenEnvelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new TokenFormatException(
          "corrupt token: its content does not parse (was it cut short when copied?)", e);
    }
    check(envelope);
    return new EnrollmentToken(text, envelope);
  }

  private static void check(TokenEnvelope envelope) throws TokenFormatException {
    if (envelope.getTokenId().isEmpty()) {
      throw corrupt("it has no token id");
    }
    if (envelope.getSecret().size() != SECRET_BYTES) {
      throw corrupt("its secret is " + envelope.getSecret().size() + " bytes, not 32");
    }
    if (!envelope.getControllerAddress().matches("^.+:\\d{1,5}$")) {
      throw corrupt("it names no controller address (host:port)");
    }
    if (envelope.getCaFingerprint().size() != FINGERPRINT_BYTES) {
      throw corrupt(
          "its CA fingerprint is " + envelope.getCaFingerprint().size() + " bytes, not 32");
    }
    if (envelope.getTrustDomain().isEmpty()) {
      throw corrupt("it names no trust domain");
    }
  }

  private static TokenFormatException corrupt(String why) {
    return new TokenFormatException("corrupt token: " + why);
  }

  /** The token string exactly as given, to send to the controller. Secret. */
  public String text() {
    return text;
  }

  public String tokenId() {
    return envelope.getTokenId();
  }

  /** "host:port" of the controller's Enrollment service. */
  public String controllerAddress() {
    return envelope.getControllerAddress();
  }

  /** SHA-256 of the DER of the CA the controller's chain must lead to. */
  public byte[] caFingerprint() {
    return envelope.getCaFingerprint().toByteArray();
  }

  public String trustDomain() {
    return envelope.getTrustDomain();
  }

  @Override
  public String toString() {
    return "EnrollmentToken[id="
        + tokenId()
        + ", controller="
        + controllerAddress()
        + ", ca="
        + HexFormat.of().formatHex(caFingerprint())
        + ", domain="
        + trustDomain()
        + "]";
  }
}
