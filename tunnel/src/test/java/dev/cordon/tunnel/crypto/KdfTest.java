package dev.cordon.tunnel.crypto;

import static dev.cordon.tunnel.protocol.vectors.Vectors.hex;
import static dev.cordon.tunnel.protocol.vectors.Vectors.list;
import static dev.cordon.tunnel.protocol.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cordon.tunnel.protocol.vectors.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KdfTest {
  @Test
  void kdf1Kdf2AndKdf3MatchWireGuardsKnownAnswers() {
    List<Map<String, Object>> vectors = list(Vectors.load("wireguard-kdf.json").get("vectors"));
    assertFalse(vectors.isEmpty());
    for (Map<String, Object> v : vectors) {
      byte[] key = hex(v, "key");
      byte[] input = hex(v, "input");
      assertEquals(toHex(hex(v, "t0")), toHex(Kdf.kdf1(key, input)));
      byte[][] two = Kdf.kdf2(key, input);
      assertEquals(toHex(hex(v, "t0")), toHex(two[0]));
      assertEquals(toHex(hex(v, "t1")), toHex(two[1]));
      byte[][] three = Kdf.kdf3(key, input);
      assertEquals(toHex(hex(v, "t0")), toHex(three[0]));
      assertEquals(toHex(hex(v, "t1")), toHex(three[1]));
      assertEquals(toHex(hex(v, "t2")), toHex(three[2]));
    }
  }

  @Test
  void blake2sOfAbcIsRfc7693sAnswer() {
    assertEquals(
        "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
        toHex(Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void theInitialChainingKeyAndHashAreThoseOfWireGuard() {
    byte[] c0 =
        Blake2s.hash("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s".getBytes(StandardCharsets.US_ASCII));
    byte[] h0 =
        Blake2s.hash(c0, "WireGuard v1 zx2c4 Jason@zx2c4.com".getBytes(StandardCharsets.US_ASCII));
    // WireGuard's published initial chaining key and hash (wireguard-go's InitialChainKey/Hash).
    assertEquals("60e26daef327efc02ec335e2a025d2d016eb4206f87277f52d38d1988b78cd36", toHex(c0));
    assertEquals("2211b361081ac566691243db458ad5322d9c6c662293e8b70ee19c65ba079ef3", toHex(h0));
  }

  @Test
  void macIsKeyedBlake2sWithASixteenByteOutputNotHmac() {
    byte[] key = new byte[32];
    byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] mac = new byte[16];
    Blake2s.mac(key, data, 0, data.length, mac, 0);
    byte[] hmac = Blake2s.hmac(key, data);
    assertFalse(toHex(hmac).startsWith(toHex(mac)));
    org.bouncycastle.crypto.digests.Blake2sDigest d =
        new org.bouncycastle.crypto.digests.Blake2sDigest(key, 16, null, null);
    d.update(data, 0, data.length);
    byte[] expected = new byte[16];
    d.doFinal(expected, 0);
    assertEquals(toHex(expected), toHex(mac));
  }
}
