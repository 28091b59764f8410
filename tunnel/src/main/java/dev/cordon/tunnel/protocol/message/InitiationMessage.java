package dev.cordon.tunnel.protocol.message;

import static dev.cordon.tunnel.protocol.Constants.HEADER_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INDEX_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INITIATION_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.MAC_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_INITIATION;

/**
 * Type 1, 148 bytes: header, sender index, then the Noise message A (ephemeral 32, encrypted static
 * 48, encrypted timestamp 28), mac1 16, mac2 16. A reusable flyweight view.
 */
public final class InitiationMessage {
  public static final int SENDER_OFFSET = HEADER_LENGTH;
  public static final int NOISE_OFFSET = SENDER_OFFSET + INDEX_LENGTH;
  public static final int MAC1_OFFSET = INITIATION_LENGTH - 2 * MAC_LENGTH;
  public static final int MAC2_OFFSET = INITIATION_LENGTH - MAC_LENGTH;

  private byte[] buf;
  private int off;

  /** Views buf[off, off+len) if it is an initiation of exact length; false otherwise. */
  public boolean wrap(byte[] buf, int off, int len) {
    if (MessageType.of(buf, off, len) != TYPE_INITIATION) {
      this.buf = null;
      return false;
    }
    this.buf = buf;
    this.off = off;
    return true;
  }

  public int senderIndex() {
    return LittleEndian.getInt(buf, off + SENDER_OFFSET);
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return off;
  }

  public int length() {
    return INITIATION_LENGTH;
  }

  /** Writes header and sender index; the Noise part and MACs are filled in by their owners. */
  public static void writeHeader(byte[] out, int off, int senderIndex) {
    MessageType.writeHeader(out, off, TYPE_INITIATION);
    LittleEndian.putInt(out, off + SENDER_OFFSET, senderIndex);
  }
}
