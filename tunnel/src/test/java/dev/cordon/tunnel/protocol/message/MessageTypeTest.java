package dev.cordon.tunnel.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Constants;
import org.junit.jupiter.api.Test;

class MessageTypeTest {
  @Test
  void everyTypeIsRecognisedOnlyAtItsExactLength() {
    byte[] buf = new byte[2048];
    for (int type = 0; type <= 5; type++) {
      buf[0] = (byte) type;
      for (int len = 0; len <= 200; len++) {
        int expected =
            switch (type) {
              case 1 -> len == 148 ? 1 : 0;
              case 2 -> len == 92 ? 2 : 0;
              case 3 -> len == 64 ? 3 : 0;
              case 4 -> len >= 32 ? 4 : 0;
              default -> 0;
            };
        assertEquals(expected, MessageType.of(buf, 0, len), "type " + type + " length " + len);
      }
    }
  }

  @Test
  void nonZeroReservedBytesMakeAMessageInvalid() {
    byte[] buf = new byte[148];
    buf[0] = 1;
    for (int i = 1; i < 4; i++) {
      buf[i] = 1;
      assertEquals(MessageType.INVALID, MessageType.of(buf, 0, 148));
      buf[i] = 0;
    }
    assertEquals(1, MessageType.of(buf, 0, 148));
  }

  @Test
  void aLengthPastTheBufferIsInvalidRatherThanAnException() {
    assertEquals(MessageType.INVALID, MessageType.of(new byte[100], 50, 60));
    assertFalse(new TransportMessage().wrap(new byte[31], 0, 31));
  }

  @Test
  void aWindowWhoseEndOverflowsAnIntIsInvalidRatherThanAnException() {
    // Found by DatagramParserFuzzTest: offset + length wrapped negative and passed the bounds
    // check.
    byte[] buf = new byte[100];
    buf[4] = 4;
    assertEquals(MessageType.INVALID, MessageType.of(buf, 4, Integer.MAX_VALUE));
    assertFalse(new TransportMessage().wrap(buf, 4, Integer.MAX_VALUE - 2));
  }

  @Test
  void transportFieldsAreReadLittleEndianInPlace() {
    byte[] buf = new byte[40];
    TransportMessage.writeHeader(buf, 0, 0x04030201, 0x0807060504030201L);
    assertEquals(4, buf[0]);
    assertEquals(1, buf[4]);
    assertEquals(1, buf[8]);
    TransportMessage view = new TransportMessage();
    assertTrue(view.wrap(buf, 0, 40));
    assertEquals(0x04030201, view.receiverIndex());
    assertEquals(0x0807060504030201L, view.counter());
    assertEquals(16, view.dataOffset());
    assertEquals(24, view.dataLength());
  }

  @Test
  void paddingRoundsUpToSixteenButNeverPastTheMtu() {
    assertEquals(0, TransportMessage.paddedLength(0, 1420));
    assertEquals(16, TransportMessage.paddedLength(1, 1420));
    assertEquals(1408, TransportMessage.paddedLength(1401, 1420));
    assertEquals(1420, TransportMessage.paddedLength(1415, 1420));
    assertEquals(1420, TransportMessage.paddedLength(1420, 1420));
    assertEquals(1436, TransportMessage.paddedLength(1430, 1420), "last unit of a GSO batch");
    assertEquals(Constants.PADDING_MULTIPLE, 16);
  }
}
