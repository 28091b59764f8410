package dev.cordon.tunnel.protocol.message;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_NONCE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.COOKIE_REPLY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.HEADER_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INDEX_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_COOKIE_REPLY;

/**
 * Type 3, 64 bytes: header, receiver index (the trigger's sender index), nonce 24, encrypted cookie
 * 16+16. A reusable flyweight view.
 */
public final class CookieReplyMessage {
  public static final int RECEIVER_OFFSET = HEADER_LENGTH;
  public static final int NONCE_OFFSET = RECEIVER_OFFSET + INDEX_LENGTH;
  public static final int COOKIE_OFFSET = NONCE_OFFSET + COOKIE_NONCE_LENGTH;
  public static final int SEALED_COOKIE_LENGTH = COOKIE_REPLY_LENGTH - COOKIE_OFFSET;

  private byte[] buf;
  private int off;

  /** Views buf[off, off+len) if it is a cookie reply of exact length; false otherwise. */
  public boolean wrap(byte[] buf, int off, int len) {
    if (MessageType.of(buf, off, len) != TYPE_COOKIE_REPLY) {
      this.buf = null;
      return false;
    }
    this.buf = buf;
    this.off = off;
    return true;
  }

  public int receiverIndex() {
    return LittleEndian.getInt(buf, off + RECEIVER_OFFSET);
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return off;
  }

  public static void writeHeader(byte[] out, int off, int receiverIndex) {
    MessageType.writeHeader(out, off, TYPE_COOKIE_REPLY);
    LittleEndian.putInt(out, off + RECEIVER_OFFSET, receiverIndex);
  }
}
