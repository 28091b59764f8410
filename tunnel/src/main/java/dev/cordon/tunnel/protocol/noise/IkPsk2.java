package dev.cordon.tunnel.protocol.noise;

import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.DiffieHellman;
import dev.cordon.tunnel.crypto.Secrets;

/**
 * The two messages of Noise IKpsk2 ({@code <- s; -> e, es, s, ss; <- e, ee, se, psk}), each with an
 * arbitrary payload, written to and read from a byte array at an offset. WireGuard puts a TAI64N
 * timestamp in the first payload and nothing in the second, and frames both with its own header,
 * indices and MACs; none of that is here.
 *
 * <p>Message A: ephemeral (32) || AEAD(static) (48) || AEAD(payload) (payload + 16). Message B:
 * ephemeral (32) || AEAD(payload) (payload + 16). Every method returns failure instead of throwing
 * when a DH is zero or an AEAD does not open; the given state is then garbage and must be dropped,
 * so callers pass a copy of anything they want to keep.
 */
public final class IkPsk2 {
  public static final int KEY_LENGTH = 32;
  public static final int TAG_LENGTH = 16;
  public static final int SEALED_STATIC_LENGTH = KEY_LENGTH + TAG_LENGTH;
  private static final int STATIC_OFFSET = KEY_LENGTH;
  private static final int A_PAYLOAD_OFFSET = STATIC_OFFSET + SEALED_STATIC_LENGTH;
  private static final int B_PAYLOAD_OFFSET = KEY_LENGTH;

  private IkPsk2() {}

  /** Length of message A carrying a payload of payloadLength bytes. */
  public static int messageALength(int payloadLength) {
    return A_PAYLOAD_OFFSET + payloadLength + TAG_LENGTH;
  }

  /** Length of message B carrying a payload of payloadLength bytes. */
  public static int messageBLength(int payloadLength) {
    return B_PAYLOAD_OFFSET + payloadLength + TAG_LENGTH;
  }

  /** Both parties start with the prologue and the responder's static key (the IK pre-message). */
  public static SymmetricState start(byte[] prologue, byte[] responderStatic) {
    SymmetricState s = SymmetricState.initialize(prologue);
    s.mixHash(responderStatic, 0, KEY_LENGTH);
    return s;
  }

  /**
   * Initiator: writes message A. staticStatic is DH(S_i, S_r), which the caller may precompute.
   *
   * @return the message length, or -1 when DH(E_i, S_r) is zero
   */
  public static int writeMessageA(
      SymmetricState s,
      DiffieHellman dh,
      byte[] ephemeralPrivate,
      byte[] localStaticPublic,
      byte[] remoteStatic,
      byte[] staticStatic,
      byte[] payload,
      int payloadOff,
      int payloadLen,
      byte[] out,
      int off) {
    byte[] ephemeralPublic = Curve25519.publicKey(ephemeralPrivate);
    System.arraycopy(ephemeralPublic, 0, out, off, KEY_LENGTH);
    mixEphemeral(s, ephemeralPublic);
    if (!mixDh(s, dh, ephemeralPrivate, remoteStatic)) {
      return -1;
    }
    s.encryptAndHash(localStaticPublic, 0, KEY_LENGTH, out, off + STATIC_OFFSET);
    s.mixKey(staticStatic);
    s.encryptAndHash(payload, payloadOff, payloadLen, out, off + A_PAYLOAD_OFFSET);
    return messageALength(payloadLen);
  }

  /**
   * Responder, first half of message A: takes the initiator's ephemeral and opens its static key.
   * The caller then finds the peer by that key and continues with {@link #readMessageAPayload}.
   *
   * @return false when DH(S_r, E_i) is zero or the static key does not authenticate
   */
  public static boolean readMessageAStatic(
      SymmetricState s,
      DiffieHellman dh,
      byte[] localStaticPrivate,
      byte[] msg,
      int off,
      byte[] remoteEphemeralOut,
      byte[] remoteStaticOut) {
    System.arraycopy(msg, off, remoteEphemeralOut, 0, KEY_LENGTH);
    mixEphemeral(s, remoteEphemeralOut);
    if (!mixDh(s, dh, localStaticPrivate, remoteEphemeralOut)) {
      return false;
    }
    return s.decryptAndHash(msg, off + STATIC_OFFSET, SEALED_STATIC_LENGTH, remoteStaticOut, 0);
  }

  /** Responder, second half of message A: mixes DH(S_r, S_i) and opens the payload. */
  public static boolean readMessageAPayload(
      SymmetricState s,
      byte[] staticStatic,
      byte[] msg,
      int off,
      int payloadLen,
      byte[] payloadOut,
      int payloadOutOff) {
    s.mixKey(staticStatic);
    return s.decryptAndHash(
        msg, off + A_PAYLOAD_OFFSET, payloadLen + TAG_LENGTH, payloadOut, payloadOutOff);
  }

  /**
   * Responder: writes message B. A null psk means the all-zero key (psk mode without a psk).
   *
   * @return the message length, or -1 when DH(E_r, E_i) or DH(E_r, S_i) is zero
   */
  public static int writeMessageB(
      SymmetricState s,
      DiffieHellman dh,
      byte[] ephemeralPrivate,
      byte[] remoteEphemeral,
      byte[] remoteStatic,
      byte[] psk,
      byte[] payload,
      int payloadOff,
      int payloadLen,
      byte[] out,
      int off) {
    byte[] ephemeralPublic = Curve25519.publicKey(ephemeralPrivate);
    System.arraycopy(ephemeralPublic, 0, out, off, KEY_LENGTH);
    mixEphemeral(s, ephemeralPublic);
    if (!chainDh(s, dh, ephemeralPrivate, remoteEphemeral)
        || !chainDh(s, dh, ephemeralPrivate, remoteStatic)) {
      return -1;
    }
    s.mixKeyAndHash(psk);
    s.encryptAndHash(payload, payloadOff, payloadLen, out, off + B_PAYLOAD_OFFSET);
    return messageBLength(payloadLen);
  }

  /**
   * Initiator: reads message B.
   *
   * @return false when a DH is zero or the payload does not authenticate
   */
  public static boolean readMessageB(
      SymmetricState s,
      DiffieHellman dh,
      byte[] localEphemeralPrivate,
      byte[] localStaticPrivate,
      byte[] psk,
      byte[] msg,
      int off,
      int payloadLen,
      byte[] payloadOut,
      int payloadOutOff) {
    byte[] remoteEphemeral = new byte[KEY_LENGTH];
    System.arraycopy(msg, off, remoteEphemeral, 0, KEY_LENGTH);
    mixEphemeral(s, remoteEphemeral);
    if (!chainDh(s, dh, localEphemeralPrivate, remoteEphemeral)
        || !chainDh(s, dh, localStaticPrivate, remoteEphemeral)) {
      return false;
    }
    s.mixKeyAndHash(psk);
    return s.decryptAndHash(
        msg, off + B_PAYLOAD_OFFSET, payloadLen + TAG_LENGTH, payloadOut, payloadOutOff);
  }

  /** The "e" token in psk mode: MixHash(e) and MixKey(e); the key is replaced before use. */
  private static void mixEphemeral(SymmetricState s, byte[] ephemeralPublic) {
    s.mixHash(ephemeralPublic, 0, KEY_LENGTH);
    s.mixChain(ephemeralPublic);
  }

  private static boolean mixDh(SymmetricState s, DiffieHellman dh, byte[] priv, byte[] pub) {
    byte[] shared = new byte[KEY_LENGTH];
    boolean ok = dh.agree(priv, pub, shared);
    if (ok) {
      s.mixKey(shared);
    }
    Secrets.zero(shared);
    return ok;
  }

  private static boolean chainDh(SymmetricState s, DiffieHellman dh, byte[] priv, byte[] pub) {
    byte[] shared = new byte[KEY_LENGTH];
    boolean ok = dh.agree(priv, pub, shared);
    if (ok) {
      s.mixChain(shared);
    }
    Secrets.zero(shared);
    return ok;
  }
}
