package dev.cordon.client.identity;

/** The string given as a token is not one this cordon can read; the message says why. */
public final class TokenFormatException extends Exception {

  public TokenFormatException(String message) {
    super(message);
  }

  public TokenFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
