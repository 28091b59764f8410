package dev.cordon.tunnel.crypto;

import static dev.cordon.tunnel.protocol.vectors.Vectors.hex;
import static dev.cordon.tunnel.protocol.vectors.Vectors.list;
import static dev.cordon.tunnel.protocol.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.vectors.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof ChaCha20-Poly1305 and XChaCha20-Poly1305: every case with the nonce size we use and a
 * 16-byte tag. Valid cases seal to the expected bytes and open; invalid ones do not open (false,
 * never an exception).
 */
class WycheproofAeadTest {
  interface Aead {
    int seal(byte[] key, byte[] nonce, byte[] aad, byte[] msg, byte[] out);

    boolean open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, byte[] out);
  }

  @Test
  void chaCha20Poly1305PassesEveryTwelveByteNonceCase() {
    ChaChaPoly aead = new ChaChaPoly();
    int n =
        run(
            "wycheproof-chacha20_poly1305_test.json",
            96,
            new Aead() {
              public int seal(byte[] k, byte[] nonce, byte[] aad, byte[] msg, byte[] out) {
                return aead.seal(ChaChaPoly.key(k), nonce, aad, msg, 0, msg.length, out, 0);
              }

              public boolean open(byte[] k, byte[] nonce, byte[] aad, byte[] sealed, byte[] out) {
                return aead.open(ChaChaPoly.key(k), nonce, aad, sealed, 0, sealed.length, out, 0);
              }
            });
    assertTrue(n > 250, "cases run: " + n);
  }

  @Test
  void xChaCha20Poly1305PassesEveryTwentyFourByteNonceCase() {
    int n =
        run(
            "wycheproof-xchacha20_poly1305_test.json",
            192,
            new Aead() {
              public int seal(byte[] k, byte[] nonce, byte[] aad, byte[] msg, byte[] out) {
                return XChaChaPoly.seal(k, nonce, aad, msg, 0, msg.length, out, 0);
              }

              public boolean open(byte[] k, byte[] nonce, byte[] aad, byte[] sealed, byte[] out) {
                return XChaChaPoly.open(k, nonce, aad, sealed, 0, sealed.length, out, 0);
              }
            });
    assertTrue(n > 250, "cases run: " + n);
  }

  @Test
  void theWireGuardNonceIsFourZeroBytesThenTheLittleEndianCounter() {
    ChaChaPoly aead = new ChaChaPoly();
    byte[] key = new byte[32];
    key[0] = 7;
    byte[] msg = {1, 2, 3};
    byte[] a = new byte[19];
    byte[] b = new byte[19];
    aead.seal(ChaChaPoly.key(key), 0x0102030405060708L, null, msg, 0, 3, a, 0);
    byte[] nonce = {0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1};
    aead.seal(ChaChaPoly.key(key), nonce, null, msg, 0, 3, b, 0);
    assertEquals(toHex(b), toHex(a));
  }

  private static int run(String file, int ivBits, Aead aead) {
    int count = 0;
    for (Map<String, Object> group : list(Vectors.load(file).get("testGroups"))) {
      if (((Long) group.get("ivSize")) != ivBits || ((Long) group.get("tagSize")) != 128) {
        continue;
      }
      for (Map<String, Object> t : list(group.get("tests"))) {
        String id = file + " tcId " + t.get("tcId") + " " + t.get("comment");
        byte[] key = hex(t, "key");
        byte[] iv = hex(t, "iv");
        byte[] aad = hex(t, "aad");
        byte[] msg = hex(t, "msg");
        byte[] ct = hex(t, "ct");
        byte[] tag = hex(t, "tag");
        byte[] sealed = new byte[ct.length + tag.length];
        System.arraycopy(ct, 0, sealed, 0, ct.length);
        System.arraycopy(tag, 0, sealed, ct.length, tag.length);
        byte[] opened = new byte[Math.max(0, sealed.length - 16)];
        boolean ok = aead.open(key, iv, aad, sealed, opened);
        if ("valid".equals(t.get("result"))) {
          assertTrue(ok, id);
          assertEquals(toHex(msg), toHex(opened), id);
          byte[] out = new byte[msg.length + 16];
          assertEquals(out.length, aead.seal(key, iv, aad, msg, out), id);
          assertEquals(toHex(sealed), toHex(out), id);
        } else {
          assertFalse(ok, id);
        }
        count++;
      }
    }
    return count;
  }
}
