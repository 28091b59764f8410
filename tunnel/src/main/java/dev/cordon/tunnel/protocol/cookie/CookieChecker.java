package dev.cordon.tunnel.protocol.cookie;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.COOKIE_NONCE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.COOKIE_REPLY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.LABEL_COOKIE;
import static dev.cordon.tunnel.protocol.Constants.LABEL_MAC1;
import static dev.cordon.tunnel.protocol.Constants.MAC_LENGTH;

import dev.cordon.tunnel.crypto.Blake2s;
import dev.cordon.tunnel.crypto.ConstantTime;
import dev.cordon.tunnel.crypto.Entropy;
import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.crypto.XChaChaPoly;
import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.message.CookieReplyMessage;

/**
 * The receiving side of the DoS layer, one per device: checks mac1 and mac2 on handshake messages
 * and makes cookie replies. The cookie is MAC(R, source), R random and replaced every 120 s, so a
 * cookie proves recent reachability at that source without the responder keeping per-source state.
 * Methods take a whole handshake message (exact length, already classified by MessageType).
 */
public final class CookieChecker {
  private static final long SECRET_LIFETIME_NANOS = Constants.COOKIE_REFRESH_TIME.toNanos();

  private final byte[] mac1Key;
  private final byte[] cookieKey;
  private final Clock clock;
  private final Entropy entropy;
  private final byte[] secret = new byte[Blake2s.HASH_LENGTH];
  private long secretBornNanos;
  private boolean secretSet;

  public CookieChecker(byte[] localStaticPublic, Clock clock, Entropy entropy) {
    this.mac1Key = Blake2s.hash(LABEL_MAC1, localStaticPublic);
    this.cookieKey = Blake2s.hash(LABEL_COOKIE, localStaticPublic);
    this.clock = clock;
    this.entropy = entropy;
  }

  /** True when msg's mac1 is MAC(HASH("mac1----" || our public key), msg up to mac1). No DH. */
  public boolean checkMac1(byte[] msg, int off, int len) {
    int mac1 = off + len - 2 * MAC_LENGTH;
    byte[] expected = new byte[MAC_LENGTH];
    Blake2s.mac(mac1Key, msg, off, mac1 - off, expected, 0);
    return ConstantTime.equal(expected, 0, msg, mac1, MAC_LENGTH);
  }

  /**
   * True when msg's mac2 is MAC(cookie for source, msg up to mac2), with a secret younger than 120
   * s. Source is the sender's address bytes followed by its port (see {@link #source}).
   */
  public synchronized boolean checkMac2(byte[] msg, int off, int len, byte[] source) {
    if (!secretSet || clock.nanos() - secretBornNanos > SECRET_LIFETIME_NANOS) {
      return false;
    }
    byte[] cookie = cookieFor(source);
    int mac2 = off + len - MAC_LENGTH;
    byte[] expected = new byte[MAC_LENGTH];
    Blake2s.mac(cookie, msg, off, mac2 - off, expected, 0);
    Secrets.zero(cookie);
    return ConstantTime.equal(expected, 0, msg, mac2, MAC_LENGTH);
  }

  /**
   * Writes a 64-byte cookie reply to msg (a handshake message whose mac1 checked) into out: the
   * cookie for source, sealed with XChaCha20-Poly1305 under HASH("cookie--" || our public key),
   * bound to msg's mac1 as additional data so only its sender can use it.
   *
   * @param receiverIndex the sender index of msg
   * @return the reply's length
   */
  public synchronized int createReply(
      byte[] msg, int off, int len, int receiverIndex, byte[] source, byte[] out, int outOff) {
    long now = clock.nanos();
    if (!secretSet || now - secretBornNanos > SECRET_LIFETIME_NANOS) {
      entropy.fill(secret);
      secretBornNanos = now;
      secretSet = true;
    }
    byte[] cookie = cookieFor(source);
    byte[] nonce = new byte[COOKIE_NONCE_LENGTH];
    entropy.fill(nonce);
    byte[] mac1 = new byte[MAC_LENGTH];
    System.arraycopy(msg, off + len - 2 * MAC_LENGTH, mac1, 0, MAC_LENGTH);
    CookieReplyMessage.writeHeader(out, outOff, receiverIndex);
    System.arraycopy(nonce, 0, out, outOff + CookieReplyMessage.NONCE_OFFSET, COOKIE_NONCE_LENGTH);
    XChaChaPoly.seal(
        cookieKey,
        nonce,
        mac1,
        cookie,
        0,
        COOKIE_LENGTH,
        out,
        outOff + CookieReplyMessage.COOKIE_OFFSET);
    Secrets.zero(cookie);
    return COOKIE_REPLY_LENGTH;
  }

  /** The bytes a cookie is bound to: address (4 or 16 bytes) then port, big-endian. */
  public static byte[] source(byte[] address, int port) {
    byte[] out = new byte[address.length + 2];
    System.arraycopy(address, 0, out, 0, address.length);
    out[address.length] = (byte) (port >>> 8);
    out[address.length + 1] = (byte) port;
    return out;
  }

  private byte[] cookieFor(byte[] source) {
    byte[] cookie = new byte[COOKIE_LENGTH];
    Blake2s.mac(secret, source, 0, source.length, cookie, 0);
    return cookie;
  }
}
