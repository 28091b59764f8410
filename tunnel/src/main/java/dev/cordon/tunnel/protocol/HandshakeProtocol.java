package dev.cordon.tunnel.protocol;

import static dev.cordon.tunnel.protocol.Constants.IDENTIFIER;
import static dev.cordon.tunnel.protocol.Constants.INITIATION_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.KEY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.RESPONSE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TIMESTAMP_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_INITIATION;
import static dev.cordon.tunnel.protocol.Constants.TYPE_RESPONSE;

import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.DiffieHellman;
import dev.cordon.tunnel.crypto.Entropy;
import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.protocol.cookie.CookieChecker;
import dev.cordon.tunnel.protocol.message.InitiationMessage;
import dev.cordon.tunnel.protocol.message.LittleEndian;
import dev.cordon.tunnel.protocol.message.MessageType;
import dev.cordon.tunnel.protocol.message.ResponseMessage;
import dev.cordon.tunnel.protocol.noise.IkPsk2;
import dev.cordon.tunnel.protocol.noise.SymmetricState;

/**
 * WireGuard's handshake for one device: create/consume initiation, create/consume response, begin
 * session. Pure: it writes the message to send into the caller's buffer and returns its length, or
 * returns the peer whose state advanced; I/O, index allocation, timers and locking are the
 * caller's. Every consume checks type, exact length and mac1 (no DH before that), computes on a
 * copy, and commits to the peer's {@link Handshake} only when the whole message authenticated, so a
 * forged or corrupted message never changes state.
 */
public final class HandshakeProtocol {
  /** Finds the peer configured with a static public key, or null when there is none. */
  @FunctionalInterface
  public interface PeerLookup {
    Handshake find(byte[] staticPublic);
  }

  /**
   * The last word on an authenticated initiation before it changes state: the peer's TAI64N replay
   * and flood checks go here. It may record the timestamp, since nothing fails after it.
   */
  @FunctionalInterface
  public interface InitiationGate {
    InitiationGate ADMIT_ALL = (peer, timestamp) -> true;

    boolean admit(Handshake peer, byte[] timestamp);
  }

  private static final byte[] EMPTY = new byte[0];

  private final StaticIdentity local;
  private final DiffieHellman dh;
  private final Entropy entropy;
  private final Clock clock;
  private final TimestampSource timestamps;
  private final CookieChecker cookieChecker;

  public HandshakeProtocol(
      StaticIdentity local,
      DiffieHellman dh,
      Entropy entropy,
      Clock clock,
      TimestampSource timestamps) {
    this.local = local;
    this.dh = dh;
    this.entropy = entropy;
    this.clock = clock;
    this.timestamps = timestamps;
    this.cookieChecker = new CookieChecker(local.publicKeyUnsafe(), clock, entropy);
  }

  /** The device's mac1/mac2 checker and cookie-reply maker (for the under-load path). */
  public CookieChecker cookieChecker() {
    return cookieChecker;
  }

  /**
   * Initiator: writes a 148-byte initiation to peer (with mac1, and mac2 when we hold its cookie)
   * and keeps the state needed to consume its response. Replaces any handshake in flight.
   *
   * @param localIndex the index the response will be addressed to, allocated by the caller
   * @return the message length, or -1 when the peer is unusable (low-order key)
   */
  public int createInitiation(Handshake peer, int localIndex, byte[] out, int off) {
    if (!peer.isUsable()) {
      return -1;
    }
    byte[] ephemeral = Curve25519.generatePrivateKey(entropy);
    byte[] timestamp = new byte[TIMESTAMP_LENGTH];
    timestamps.write(timestamp, 0);
    SymmetricState s = IkPsk2.start(IDENTIFIER, peer.remoteStaticUnsafe());
    InitiationMessage.writeHeader(out, off, localIndex);
    int written =
        IkPsk2.writeMessageA(
            s,
            dh,
            ephemeral,
            local.publicKeyUnsafe(),
            peer.remoteStaticUnsafe(),
            peer.staticStatic(),
            timestamp,
            0,
            TIMESTAMP_LENGTH,
            out,
            off + InitiationMessage.NOISE_OFFSET);
    if (written < 0) {
      Secrets.zero(ephemeral);
      s.zero();
      return -1;
    }
    peer.clear();
    System.arraycopy(ephemeral, 0, peer.localEphemeral, 0, KEY_LENGTH);
    s.saveTo(peer.chainingKey, peer.hash);
    peer.localIndex = localIndex;
    peer.state = Handshake.State.INITIATION_CREATED;
    Secrets.zero(ephemeral);
    s.zero();
    peer.cookies().addMacs(out, off, INITIATION_LENGTH);
    return INITIATION_LENGTH;
  }

  /**
   * Responder: {@link #consumeInitiation(byte[], int, int, PeerLookup, InitiationGate)}, no gate.
   */
  public Handshake consumeInitiation(byte[] msg, int off, int len, PeerLookup peers) {
    return consumeInitiation(msg, off, len, peers, InitiationGate.ADMIT_ALL);
  }

  /**
   * Responder: checks and opens an initiation. Mac2 and under-load decisions come before this.
   *
   * @return the peer whose handshake is now INITIATION_CONSUMED, or null (nothing changed) when the
   *     message is malformed, fails mac1, fails to authenticate, comes from an unknown or unusable
   *     key, or the gate refuses it
   */
  public Handshake consumeInitiation(
      byte[] msg, int off, int len, PeerLookup peers, InitiationGate gate) {
    if (MessageType.of(msg, off, len) != TYPE_INITIATION
        || !cookieChecker.checkMac1(msg, off, len)) {
      return null;
    }
    int noise = off + InitiationMessage.NOISE_OFFSET;
    SymmetricState s = IkPsk2.start(IDENTIFIER, local.publicKeyUnsafe());
    byte[] remoteEphemeral = new byte[KEY_LENGTH];
    byte[] remoteStatic = new byte[KEY_LENGTH];
    if (!IkPsk2.readMessageAStatic(
        s, dh, local.privateKey(), msg, noise, remoteEphemeral, remoteStatic)) {
      return null;
    }
    Handshake peer = peers.find(remoteStatic);
    if (peer == null || !peer.isUsable()) {
      return null;
    }
    byte[] timestamp = new byte[TIMESTAMP_LENGTH];
    if (!IkPsk2.readMessageAPayload(
            s, peer.staticStatic(), msg, noise, TIMESTAMP_LENGTH, timestamp, 0)
        || !gate.admit(peer, timestamp)) {
      s.zero();
      return null;
    }
    peer.clear();
    System.arraycopy(remoteEphemeral, 0, peer.remoteEphemeral, 0, KEY_LENGTH);
    s.saveTo(peer.chainingKey, peer.hash);
    s.zero();
    peer.remoteIndex = LittleEndian.getInt(msg, off + InitiationMessage.SENDER_OFFSET);
    peer.state = Handshake.State.INITIATION_CONSUMED;
    return peer;
  }

  /**
   * Responder: writes a 92-byte response to the initiation just consumed from peer.
   *
   * @param localIndex the index the initiator will address transport messages to
   * @return the message length, or -1 when peer has no consumed initiation or a DH is zero
   */
  public int createResponse(Handshake peer, int localIndex, byte[] out, int off) {
    if (peer.state != Handshake.State.INITIATION_CONSUMED) {
      return -1;
    }
    byte[] ephemeral = Curve25519.generatePrivateKey(entropy);
    SymmetricState s = SymmetricState.resume(peer.chainingKey, peer.hash);
    ResponseMessage.writeHeader(out, off, localIndex, peer.remoteIndex);
    int written =
        IkPsk2.writeMessageB(
            s,
            dh,
            ephemeral,
            peer.remoteEphemeral,
            peer.remoteStaticUnsafe(),
            peer.presharedKey(),
            EMPTY,
            0,
            0,
            out,
            off + ResponseMessage.NOISE_OFFSET);
    Secrets.zero(ephemeral);
    if (written < 0) {
      s.zero();
      return -1;
    }
    s.saveTo(peer.chainingKey, peer.hash);
    s.zero();
    peer.localIndex = localIndex;
    peer.state = Handshake.State.RESPONSE_CREATED;
    peer.cookies().addMacs(out, off, RESPONSE_LENGTH);
    return RESPONSE_LENGTH;
  }

  /**
   * Initiator: checks and opens a response addressed to peer (the caller found peer by the
   * response's receiver index).
   *
   * @return true when peer's handshake is now RESPONSE_CONSUMED; false (nothing changed) when the
   *     message is malformed, fails mac1, answers no initiation of ours, or fails to authenticate
   */
  public boolean consumeResponse(Handshake peer, byte[] msg, int off, int len) {
    if (MessageType.of(msg, off, len) != TYPE_RESPONSE
        || !cookieChecker.checkMac1(msg, off, len)
        || peer.state != Handshake.State.INITIATION_CREATED
        || LittleEndian.getInt(msg, off + ResponseMessage.RECEIVER_OFFSET) != peer.localIndex) {
      return false;
    }
    SymmetricState s = SymmetricState.resume(peer.chainingKey, peer.hash);
    int noise = off + ResponseMessage.NOISE_OFFSET;
    if (!IkPsk2.readMessageB(
        s,
        dh,
        peer.localEphemeral,
        local.privateKey(),
        peer.presharedKey(),
        msg,
        noise,
        0,
        EMPTY,
        0)) {
      s.zero();
      return false;
    }
    s.saveTo(peer.chainingKey, peer.hash);
    s.zero();
    System.arraycopy(msg, noise, peer.remoteEphemeral, 0, KEY_LENGTH);
    peer.remoteIndex = LittleEndian.getInt(msg, off + ResponseMessage.SENDER_OFFSET);
    peer.state = Handshake.State.RESPONSE_CONSUMED;
    return true;
  }

  /**
   * Derives the transport keys, (send_i = recv_r, recv_i = send_r) = KDF2(C, empty), and zeroes the
   * handshake. Call after consumeResponse (initiator) or createResponse (responder).
   *
   * @return the new keypair, or null when the handshake is in neither of those states
   */
  public Keypair beginSession(Handshake peer) {
    boolean initiator;
    switch (peer.state) {
      case RESPONSE_CONSUMED -> initiator = true;
      case RESPONSE_CREATED -> initiator = false;
      default -> {
        return null;
      }
    }
    SymmetricState s = SymmetricState.resume(peer.chainingKey, peer.hash);
    byte[][] keys = s.split();
    s.zero();
    byte[] send = initiator ? keys[0] : keys[1];
    byte[] receive = initiator ? keys[1] : keys[0];
    Keypair keypair =
        new Keypair(send, receive, peer.localIndex, peer.remoteIndex, initiator, clock.nanos());
    Secrets.zero(keys[0], keys[1]);
    peer.clear();
    return keypair;
  }
}
