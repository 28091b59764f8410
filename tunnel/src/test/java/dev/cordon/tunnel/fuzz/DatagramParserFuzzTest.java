package dev.cordon.tunnel.fuzz;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_REPLY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INITIATION_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.RESPONSE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TAG_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TRANSPORT_MIN_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cordon.tunnel.protocol.message.CookieReplyMessage;
import dev.cordon.tunnel.protocol.message.InitiationMessage;
import dev.cordon.tunnel.protocol.message.LittleEndian;
import dev.cordon.tunnel.protocol.message.MessageType;
import dev.cordon.tunnel.protocol.message.ResponseMessage;
import dev.cordon.tunnel.protocol.message.TransportMessage;

/**
 * The first gate on the wire: {@link MessageType#of} and the four views over arbitrary bytes, at
 * arbitrary offsets and lengths. They never throw, agree with each other, and accept a message only
 * when its header and exact length say so and the window lies inside the buffer.
 */
class DatagramParserFuzzTest {
  private final InitiationMessage initiation = new InitiationMessage();
  private final ResponseMessage response = new ResponseMessage();
  private final CookieReplyMessage cookieReply = new CookieReplyMessage();
  private final TransportMessage transport = new TransportMessage();

  /** A whole datagram, as the receive loop sees it. */
  @FuzzTest(maxDuration = "60s")
  void classifiesWholeDatagramsByHeaderAndExactLength(byte[] datagram) {
    check(datagram, 0, datagram.length);
  }

  /** A window given by the first 8 bytes (offset, length; any ints) over the rest of the input. */
  @FuzzTest(maxDuration = "60s")
  void classifiesAnyWindowWithoutReadingOutsideIt(byte[] input) {
    Script s = new Script(input);
    int off = s.s32();
    int len = s.s32();
    check(s.rest(), off, len);
  }

  private void check(byte[] buf, int off, int len) {
    int type = MessageType.of(buf, off, len);
    boolean inside = off >= 0 && len >= 0 && (long) off + len <= buf.length;
    if (type != MessageType.INVALID) {
      assertTrue(
          inside, () -> "type " + type + " for a window outside the buffer: " + off + "+" + len);
      assertEquals(type, LittleEndian.getInt(buf, off), "the header word is the type");
      int expected =
          switch (type) {
            case 1 -> INITIATION_LENGTH;
            case 2 -> RESPONSE_LENGTH;
            case 3 -> COOKIE_REPLY_LENGTH;
            case 4 -> Math.max(len, TRANSPORT_MIN_LENGTH);
            default -> throw new AssertionError("unknown type " + type);
          };
      assertEquals(expected, len, "length of a type " + type + " message");
    }
    assertEquals(type == 1, initiation.wrap(buf, off, len));
    assertEquals(type == 2, response.wrap(buf, off, len));
    assertEquals(type == 3, cookieReply.wrap(buf, off, len));
    assertEquals(type == 4, transport.wrap(buf, off, len));
    // Every field of a view that accepted lies inside the window.
    switch (type) {
      case 1 -> initiation.senderIndex();
      case 2 -> {
        response.senderIndex();
        response.receiverIndex();
      }
      case 3 -> cookieReply.receiverIndex();
      case 4 -> {
        transport.receiverIndex();
        transport.counter();
        assertTrue(transport.dataLength() >= TAG_LENGTH, "ciphertext holds at least its tag");
        assertTrue(transport.dataOffset() + transport.dataLength() <= buf.length);
      }
      default -> {}
    }
  }
}
