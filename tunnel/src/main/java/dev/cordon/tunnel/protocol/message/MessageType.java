package dev.cordon.tunnel.protocol.message;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_REPLY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.HEADER_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INITIATION_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.RESPONSE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TRANSPORT_MIN_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_COOKIE_REPLY;
import static dev.cordon.tunnel.protocol.Constants.TYPE_INITIATION;
import static dev.cordon.tunnel.protocol.Constants.TYPE_RESPONSE;
import static dev.cordon.tunnel.protocol.Constants.TYPE_TRANSPORT;

/** Classifies a datagram by its header and length, the first and cheapest gate on the wire. */
public final class MessageType {
  /** Not a WireGuard message (unknown type, non-zero reserved bytes or wrong length): drop. */
  public static final int INVALID = 0;

  private MessageType() {}

  /**
   * The message type (1 to 4) when the header is a known type with zero reserved bytes and the
   * length is exact for that type (at least the minimum for transport), else {@link #INVALID}.
   */
  public static int of(byte[] buf, int off, int len) {
    // Written so that no sum can overflow: off + len wraps negative for a huge len.
    if (len < HEADER_LENGTH || off < 0 || off > buf.length - len) {
      return INVALID;
    }
    // The header read as one little-endian word: reserved bytes must be zero, as in wireguard-go.
    int type = LittleEndian.getInt(buf, off);
    boolean ok =
        switch (type) {
          case TYPE_INITIATION -> len == INITIATION_LENGTH;
          case TYPE_RESPONSE -> len == RESPONSE_LENGTH;
          case TYPE_COOKIE_REPLY -> len == COOKIE_REPLY_LENGTH;
          case TYPE_TRANSPORT -> len >= TRANSPORT_MIN_LENGTH;
          default -> false;
        };
    return ok ? type : INVALID;
  }

  /** Writes the header for a type: the type byte and three zero bytes. */
  public static void writeHeader(byte[] buf, int off, int type) {
    LittleEndian.putInt(buf, off, type);
  }
}
