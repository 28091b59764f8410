package dev.cordon.tunnel.protocol.message;

import static dev.cordon.tunnel.protocol.Constants.HEADER_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INDEX_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.MAC_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.RESPONSE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_RESPONSE;

/**
 * Type 2, 92 bytes: header, sender index, receiver index, then the Noise message B (ephemeral 32,
 * encrypted empty payload 16), mac1 16, mac2 16. A reusable flyweight view.
 */
public final class ResponseMessage {
  public static final int SENDER_OFFSET = HEADER_LENGTH;
  public static final int RECEIVER_OFFSET = SENDER_OFFSET + INDEX_LENGTH;
  public static final int NOISE_OFFSET = RECEIVER_OFFSET + INDEX_LENGTH;
  public static final int MAC1_OFFSET = RESPONSE_LENGTH - 2 * MAC_LENGTH;
  public static final int MAC2_OFFSET = RESPONSE_LENGTH - MAC_LENGTH;

  private byte[] buf;
  private int off;

  /** Views buf[off, off+len) if it is a response of exact length; false otherwise. */
  public boolean wrap(byte[] buf, int off, int len) {
    if (MessageType.of(buf, off, len) != TYPE_RESPONSE) {
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

  /** The initiator's index: how the receiver finds the handshake this answers. */
  public int receiverIndex() {
    return LittleEndian.getInt(buf, off + RECEIVER_OFFSET);
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return off;
  }

  public int length() {
    return RESPONSE_LENGTH;
  }

  public static void writeHeader(byte[] out, int off, int senderIndex, int receiverIndex) {
    MessageType.writeHeader(out, off, TYPE_RESPONSE);
    LittleEndian.putInt(out, off + SENDER_OFFSET, senderIndex);
    LittleEndian.putInt(out, off + RECEIVER_OFFSET, receiverIndex);
  }
}
