package dev.cordon.tunnel.protocol.cookie;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.COOKIE_NONCE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.LABEL_COOKIE;
import static dev.cordon.tunnel.protocol.Constants.LABEL_MAC1;
import static dev.cordon.tunnel.protocol.Constants.MAC_LENGTH;

import dev.cordon.tunnel.crypto.Blake2s;
import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.crypto.XChaChaPoly;
import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.message.CookieReplyMessage;
import java.util.Arrays;

/**
 * The sending side of the DoS layer, one per peer: stamps mac1 (and mac2 while a cookie from that
 * peer is younger than 120 s) on our handshake messages, and accepts a cookie reply only when it is
 * bound to the mac1 of the last message we sent.
 */
public final class CookieGenerator {
  private static final long COOKIE_LIFETIME_NANOS = Constants.COOKIE_REFRESH_TIME.toNanos();

  private final byte[] mac1Key;
  private final byte[] cookieKey;
  private final Clock clock;
  private final byte[] lastMac1 = new byte[MAC_LENGTH];
  private boolean lastMac1Set;
  private final byte[] cookie = new byte[COOKIE_LENGTH];
  private long cookieBornNanos;
  private boolean cookieSet;

  public CookieGenerator(byte[] peerStaticPublic, Clock clock) {
    this.mac1Key = Blake2s.hash(LABEL_MAC1, peerStaticPublic);
    this.cookieKey = Blake2s.hash(LABEL_COOKIE, peerStaticPublic);
    this.clock = clock;
  }

  /** Fills the last 32 bytes of a handshake message we are about to send: mac1, then mac2. */
  public synchronized void addMacs(byte[] msg, int off, int len) {
    int mac1 = off + len - 2 * MAC_LENGTH;
    int mac2 = off + len - MAC_LENGTH;
    Blake2s.mac(mac1Key, msg, off, mac1 - off, msg, mac1);
    System.arraycopy(msg, mac1, lastMac1, 0, MAC_LENGTH);
    lastMac1Set = true;
    if (cookieSet && clock.nanos() - cookieBornNanos <= COOKIE_LIFETIME_NANOS) {
      Blake2s.mac(cookie, msg, off, mac2 - off, msg, mac2);
    } else {
      Arrays.fill(msg, mac2, mac2 + MAC_LENGTH, (byte) 0);
    }
  }

  /**
   * Opens a cookie reply (already classified by MessageType) and stores its cookie for 120 s.
   *
   * @return false, storing nothing, when we sent no message yet or the reply is not bound to the
   *     last one we sent
   */
  public synchronized boolean consumeReply(byte[] reply, int off) {
    if (!lastMac1Set) {
      return false;
    }
    byte[] nonce =
        Arrays.copyOfRange(
            reply,
            off + CookieReplyMessage.NONCE_OFFSET,
            off + CookieReplyMessage.NONCE_OFFSET + COOKIE_NONCE_LENGTH);
    byte[] opened = new byte[COOKIE_LENGTH];
    boolean ok =
        XChaChaPoly.open(
            cookieKey,
            nonce,
            lastMac1.clone(),
            reply,
            off + CookieReplyMessage.COOKIE_OFFSET,
            CookieReplyMessage.SEALED_COOKIE_LENGTH,
            opened,
            0);
    if (ok) {
      System.arraycopy(opened, 0, cookie, 0, COOKIE_LENGTH);
      cookieBornNanos = clock.nanos();
      cookieSet = true;
    }
    Secrets.zero(opened);
    return ok;
  }

  /** Forgets the cookie and the last mac1 (peer removed or keys zeroed). */
  public synchronized void clear() {
    Secrets.zero(cookie, lastMac1);
    cookieSet = false;
    lastMac1Set = false;
  }
}
