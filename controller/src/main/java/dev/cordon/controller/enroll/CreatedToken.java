package dev.cordon.controller.enroll;

/**
 * A new token: the string, to be shown once and then forgotten, and its metadata. {@link
 * #toString()} omits the string.
 */
public record CreatedToken(String token, TokenInfo info) {
  @Override
  public String toString() {
    return "CreatedToken[" + info.id() + ", token hidden]";
  }
}
