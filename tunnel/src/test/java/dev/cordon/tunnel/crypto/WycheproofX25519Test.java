package dev.cordon.tunnel.crypto;

import static dev.cordon.tunnel.protocol.vectors.Vectors.hex;
import static dev.cordon.tunnel.protocol.vectors.Vectors.list;
import static dev.cordon.tunnel.protocol.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.vectors.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WycheproofX25519Test {
  @Test
  void everyCaseAgreesOnTheSharedSecretOrIsRefusedBecauseItIsZero() {
    int checked = 0;
    int refused = 0;
    for (Map<String, Object> group :
        list(Vectors.load("wycheproof-x25519_test.json").get("testGroups"))) {
      for (Map<String, Object> t : list(group.get("tests"))) {
        String id = "tcId " + t.get("tcId") + " " + t.get("comment");
        byte[] shared = hex(t, "shared");
        byte[] out = new byte[32];
        boolean agreed = Curve25519.agree(hex(t, "private"), hex(t, "public"), out);
        @SuppressWarnings("unchecked")
        List<String> flags = (List<String>) t.get("flags");
        if (Secrets.isZero(shared)) {
          assertFalse(agreed, id + ": a zero shared secret must be refused");
          assertTrue(flags.contains("ZeroSharedSecret"), id);
          assertTrue(Curve25519.isLowOrder(hex(t, "public")), id + ": low order");
          refused++;
        } else {
          assertTrue(agreed, id);
          assertEquals(toHex(shared), toHex(out), id);
          assertFalse("invalid".equals(t.get("result")), id);
          assertFalse(Curve25519.isLowOrder(hex(t, "public")), id);
        }
        checked++;
      }
    }
    assertEquals(518, checked);
    assertTrue(refused > 20, "the low-order cases were found: " + refused);
  }

  @Test
  void rfc7748AliceAndBobAgree() {
    byte[] alice =
        java.util.HexFormat.of()
            .parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bob =
        java.util.HexFormat.of()
            .parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    assertEquals(
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        toHex(Curve25519.publicKey(alice)));
    byte[] out = new byte[32];
    assertTrue(Curve25519.agree(alice, Curve25519.publicKey(bob), out));
    assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", toHex(out));
  }
}
