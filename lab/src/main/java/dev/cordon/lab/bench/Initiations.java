package dev.cordon.lab.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Makes valid WireGuard handshake initiations (type 1, 148 bytes) from one initiator key to one
 * responder, cheaply: the ephemeral key and both Diffie-Hellman results are computed once, so each
 * message costs one small AEAD and two BLAKE2s, and a flooder can outrun any responder.
 */
final class Initiations {
  static final int TYPE_INITIATION = 1;
  static final int TYPE_RESPONSE = 2;
  static final int TYPE_COOKIE_REPLY = 3;
  static final int INITIATION_LENGTH = 148;
  static final int RESPONSE_LENGTH = 92;
  static final int COOKIE_REPLY_LENGTH = 64;
  static final int TAI64N_LENGTH = 12;
  private static final int MAC1_OFFSET = 116;
  private static final int TIMESTAMP_OFFSET = 88;
  private static final long TAI64_EPOCH = 1L << 62;
  private static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);

  private final byte[] template = new byte[INITIATION_LENGTH];
  private final byte[] payloadKey;
  private final byte[] hash;
  private final byte[] mac1Key;

  Initiations(Keys initiator, byte[] responderPublic, SecureRandom random) {
    byte[] ephemeral = new byte[32];
    random.nextBytes(ephemeral);
    var state =
        Noise.beforePayload(Noise.IDENTIFIER, initiator.privateKey(), ephemeral, responderPublic);
    template[0] = TYPE_INITIATION;
    System.arraycopy(state.ephemeralPublic(), 0, template, 8, 32);
    System.arraycopy(state.encryptedStatic(), 0, template, 40, 48);
    payloadKey = state.payloadKey();
    hash = state.hash();
    mac1Key = Noise.hash(LABEL_MAC1, responderPublic);
  }

  /**
   * An initiation with {@code senderIndex} and the TAI64N of {@code epochNanos}; mac2 stays zero
   * (no cookie), as an initiator sends it before any cookie reply.
   */
  byte[] create(int senderIndex, long epochNanos) {
    byte[] msg = template.clone();
    ByteBuffer.wrap(msg, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(senderIndex);
    byte[] sealed = Noise.seal(payloadKey, tai64n(epochNanos), hash);
    System.arraycopy(sealed, 0, msg, TIMESTAMP_OFFSET, sealed.length);
    byte[] mac1 = Noise.mac(mac1Key, msg, MAC1_OFFSET);
    System.arraycopy(mac1, 0, msg, MAC1_OFFSET, mac1.length);
    return msg;
  }

  static byte[] tai64n(long epochNanos) {
    var out = ByteBuffer.allocate(TAI64N_LENGTH); // big-endian, as TAI64N is
    out.putLong(TAI64_EPOCH + Math.floorDiv(epochNanos, 1_000_000_000L));
    out.putInt((int) Math.floorMod(epochNanos, 1_000_000_000L));
    return out.array();
  }

  /** The message type of a datagram from the responder, or -1 when it is none we know. */
  static int typeOf(byte[] datagram, int length) {
    if (length == RESPONSE_LENGTH && datagram[0] == TYPE_RESPONSE) {
      return TYPE_RESPONSE;
    }
    if (length == COOKIE_REPLY_LENGTH && datagram[0] == TYPE_COOKIE_REPLY) {
      return TYPE_COOKIE_REPLY;
    }
    return -1;
  }

  /** The index of ours a response (offset 8) or cookie reply (offset 4) answers. */
  static int receiverIndex(byte[] datagram, int type) {
    int offset = type == TYPE_RESPONSE ? 8 : 4;
    return ByteBuffer.wrap(datagram, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
