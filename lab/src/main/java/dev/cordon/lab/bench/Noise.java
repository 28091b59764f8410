package dev.cordon.lab.bench;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The first message of Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s, written independently of the tunnel
 * module so the flooder is a second implementation, not Cordon talking to itself. Only what an
 * initiator needs: BLAKE2s, HMAC-BLAKE2s, the KDF, X25519 and ChaCha20-Poly1305.
 */
final class Noise {
  static final byte[] CONSTRUCTION =
      "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s".getBytes(StandardCharsets.US_ASCII);
  static final byte[] IDENTIFIER =
      "WireGuard v1 zx2c4 Jason@zx2c4.com".getBytes(StandardCharsets.US_ASCII);
  static final int KEY = 32;
  static final int TAG = 16;

  private Noise() {}

  /**
   * The state after "-> e, es, s, ss" up to (not including) the payload: what every initiation of
   * one initiator to one responder shares when the ephemeral key is reused, which WireGuard
   * responders accept (only the timestamp must grow).
   */
  record BeforePayload(
      byte[] ephemeralPublic, byte[] encryptedStatic, byte[] payloadKey, byte[] hash) {}

  static BeforePayload beforePayload(
      byte[] prologue, byte[] staticPrivate, byte[] ephemeralPrivate, byte[] remoteStatic) {
    byte[] chainKey = hash(CONSTRUCTION);
    byte[] h = hash(chainKey, prologue);
    h = hash(h, remoteStatic);
    byte[] ephemeralPublic = publicKey(ephemeralPrivate);
    chainKey = kdf(chainKey, ephemeralPublic, 1)[0];
    h = hash(h, ephemeralPublic);
    byte[][] ck = kdf(chainKey, dh(ephemeralPrivate, remoteStatic), 2);
    byte[] encryptedStatic = seal(ck[1], publicKey(staticPrivate), h);
    h = hash(h, encryptedStatic);
    ck = kdf(ck[0], dh(staticPrivate, remoteStatic), 2);
    return new BeforePayload(ephemeralPublic, encryptedStatic, ck[1], h);
  }

  /** The whole first message: ephemeral, sealed static, sealed payload. */
  static byte[] firstMessage(
      byte[] prologue, byte[] sPriv, byte[] ePriv, byte[] remoteStatic, byte[] payload) {
    var state = beforePayload(prologue, sPriv, ePriv, remoteStatic);
    byte[] sealed = seal(state.payloadKey(), payload, state.hash());
    return concat(concat(state.ephemeralPublic(), state.encryptedStatic()), sealed);
  }

  static byte[] hash(byte[]... parts) {
    var d = new Blake2sDigest(256);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** Keyed BLAKE2s with a 16-byte output: WireGuard's MAC for mac1 and mac2. */
  static byte[] mac(byte[] key, byte[] data, int length) {
    var d = new Blake2sDigest(key, 16, null, null);
    d.update(data, 0, length);
    byte[] out = new byte[16];
    d.doFinal(out, 0);
    return out;
  }

  static byte[] hmac(byte[] key, byte[] data) {
    var m = new HMac(new Blake2sDigest(256));
    m.init(new KeyParameter(key));
    m.update(data, 0, data.length);
    byte[] out = new byte[32];
    m.doFinal(out, 0);
    return out;
  }

  /** WireGuard's KDF_n: n outputs chained from HMAC(key, input). */
  static byte[][] kdf(byte[] key, byte[] input, int n) {
    byte[] prk = hmac(key, input);
    byte[][] out = new byte[n][];
    byte[] previous = new byte[0];
    for (int i = 0; i < n; i++) {
      previous = hmac(prk, concat(previous, new byte[] {(byte) (i + 1)}));
      out[i] = previous;
    }
    return out;
  }

  static byte[] publicKey(byte[] privateKey) {
    byte[] pub = new byte[X25519.POINT_SIZE];
    X25519.generatePublicKey(privateKey, 0, pub, 0);
    return pub;
  }

  static byte[] dh(byte[] privateKey, byte[] publicKey) {
    byte[] shared = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
      throw new IllegalArgumentException("X25519 gave the all-zero secret: low-order public key");
    }
    return shared;
  }

  /** ChaCha20-Poly1305 with counter 0, the only nonce a handshake message uses. */
  static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
    var aead = new ChaCha20Poly1305(); // fresh: the same key and nonce are reused on purpose
    aead.init(
        true, new AEADParameters(new KeyParameter(key), TAG * 8, new byte[12], associatedData));
    byte[] out = new byte[plaintext.length + TAG];
    int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("sealing cannot fail", e);
    }
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
