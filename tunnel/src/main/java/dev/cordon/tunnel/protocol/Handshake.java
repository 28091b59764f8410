package dev.cordon.tunnel.protocol;

import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.protocol.cookie.CookieGenerator;

/**
 * One peer's handshake: its keys (static public, optional PSK, precomputed DH(S_local, S_peer)),
 * the state between the two messages, and the cookie generator for messages sent to it. Driven by
 * {@link HandshakeProtocol}; not thread-safe, so the caller holds one lock per peer.
 */
public final class Handshake {
  /** Where the handshake stands; every failed consume leaves it where it was. */
  public enum State {
    ZEROED,
    INITIATION_CREATED,
    INITIATION_CONSUMED,
    RESPONSE_CREATED,
    RESPONSE_CONSUMED
  }

  private final byte[] remoteStatic;
  private final byte[] presharedKey;
  private final byte[] staticStatic = new byte[Constants.KEY_LENGTH];
  private boolean usable;
  private final CookieGenerator cookies;

  State state = State.ZEROED;
  final byte[] chainingKey = new byte[Constants.KEY_LENGTH];
  final byte[] hash = new byte[Constants.KEY_LENGTH];
  final byte[] localEphemeral = new byte[Constants.KEY_LENGTH];
  final byte[] remoteEphemeral = new byte[Constants.KEY_LENGTH];
  int localIndex;
  int remoteIndex;

  /**
   * @param presharedKey 32 bytes, or null for none (the all-zero key)
   */
  public Handshake(StaticIdentity local, byte[] remoteStatic, byte[] presharedKey, Clock clock) {
    if (remoteStatic.length != Constants.KEY_LENGTH
        || (presharedKey != null && presharedKey.length != Constants.KEY_LENGTH)) {
      throw new IllegalArgumentException("WireGuard public and preshared keys are 32 bytes");
    }
    this.remoteStatic = remoteStatic.clone();
    this.presharedKey = presharedKey == null ? null : presharedKey.clone();
    // A low-order peer key makes this DH zero: such a peer is never handshaken with, either way.
    this.usable =
        !Curve25519.isLowOrder(this.remoteStatic)
            && Curve25519.agree(local.privateKey(), this.remoteStatic, staticStatic);
    this.cookies = new CookieGenerator(this.remoteStatic, clock);
  }

  /**
   * False when the peer's public key is low-order: no handshake is ever sent to or accepted from
   * it.
   */
  public boolean isUsable() {
    return usable;
  }

  public State state() {
    return state;
  }

  public byte[] remoteStatic() {
    return remoteStatic.clone();
  }

  /** Our index for this handshake (the receiver index the peer will use). */
  public int localIndex() {
    return localIndex;
  }

  /** The peer's sender index from its last consumed message. */
  public int remoteIndex() {
    return remoteIndex;
  }

  /** The chaining key now (a copy, for tests and diagnostics; never log it). */
  public byte[] chainingKey() {
    return chainingKey.clone();
  }

  /** The handshake hash now (a copy). */
  public byte[] hash() {
    return hash.clone();
  }

  public CookieGenerator cookies() {
    return cookies;
  }

  byte[] staticStatic() {
    return staticStatic;
  }

  byte[] presharedKey() {
    return presharedKey;
  }

  byte[] remoteStaticUnsafe() {
    return remoteStatic;
  }

  /** Forgets the in-flight handshake (ephemeral, chaining key, hash); keeps the peer's keys. */
  public void clear() {
    Secrets.zero(chainingKey, hash, localEphemeral, remoteEphemeral);
    state = State.ZEROED;
  }

  /** Forgets everything secret, including the precomputed DH and the PSK (peer removed). */
  public void destroy() {
    clear();
    Secrets.zero(staticStatic, presharedKey);
    usable = false;
    cookies.clear();
  }
}
