package dev.cordon.tunnel.protocol.message;

import static dev.cordon.tunnel.protocol.Constants.HEADER_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INDEX_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.PADDING_MULTIPLE;
import static dev.cordon.tunnel.protocol.Constants.TRANSPORT_HEADER_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_TRANSPORT;

/**
 * Type 4, 32 bytes or more: header, receiver index, 64-bit little-endian counter, then the AEAD of
 * the zero-padded packet. The receiver does not insist on a multiple of 16: a sender pads only up
 * to its MTU, so a full-MTU packet may end anywhere. A reusable flyweight view.
 */
public final class TransportMessage {
  public static final int RECEIVER_OFFSET = HEADER_LENGTH;
  public static final int COUNTER_OFFSET = RECEIVER_OFFSET + INDEX_LENGTH;
  public static final int DATA_OFFSET = TRANSPORT_HEADER_LENGTH;

  private byte[] buf;
  private int off;
  private int len;

  /** Views buf[off, off+len) if it is a transport message (32 bytes or more); false otherwise. */
  public boolean wrap(byte[] buf, int off, int len) {
    if (MessageType.of(buf, off, len) != TYPE_TRANSPORT) {
      this.buf = null;
      return false;
    }
    this.buf = buf;
    this.off = off;
    this.len = len;
    return true;
  }

  public int receiverIndex() {
    return LittleEndian.getInt(buf, off + RECEIVER_OFFSET);
  }

  /** The counter, unsigned: compare with Long.compareUnsigned. */
  public long counter() {
    return LittleEndian.getLong(buf, off + COUNTER_OFFSET);
  }

  public byte[] buffer() {
    return buf;
  }

  /** Offset of the ciphertext (with its tag) in {@link #buffer()}. */
  public int dataOffset() {
    return off + DATA_OFFSET;
  }

  /** Length of the ciphertext including its 16-byte tag. */
  public int dataLength() {
    return len - DATA_OFFSET;
  }

  public static void writeHeader(byte[] out, int off, int receiverIndex, long counter) {
    MessageType.writeHeader(out, off, TYPE_TRANSPORT);
    LittleEndian.putInt(out, off + RECEIVER_OFFSET, receiverIndex);
    LittleEndian.putLong(out, off + COUNTER_OFFSET, counter);
  }

  /**
   * The plaintext length after zero padding, as wireguard-go computes it: the packet's last
   * MTU-sized unit is rounded up to a multiple of 16 but not past the MTU; an MTU of 0 means no
   * cap.
   */
  public static int paddedLength(int packetLength, int mtu) {
    int lastUnit = packetLength;
    if (mtu > 0 && lastUnit > mtu) {
      lastUnit %= mtu;
    }
    int padded = (lastUnit + PADDING_MULTIPLE - 1) & -PADDING_MULTIPLE;
    if (mtu > 0 && padded > mtu) {
      padded = mtu;
    }
    return packetLength + padded - lastUnit;
  }
}
