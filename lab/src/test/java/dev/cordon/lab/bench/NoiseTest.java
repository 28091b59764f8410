package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The flooder's independent Noise code against published vectors. */
class NoiseTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void the_first_message_matches_the_cacophony_ikpsk2_vector_byte_for_byte() throws Exception {
    String json =
        Files.readString(
            Path.of(
                System.getProperty("cordon.shared.dir"), "vectors", "noise-ikpsk2-cacophony.json"));

    byte[] message =
        Noise.firstMessage(
            hex(json, "init_prologue"),
            hex(json, "init_static"),
            hex(json, "init_ephemeral"),
            Noise.publicKey(hex(json, "resp_static")),
            hex(json, "payload"));

    assertEquals(field(json, "ciphertext"), HEX.formatHex(message));
  }

  @Test
  void blake2s_of_abc_is_the_rfc_7693_value() {
    assertEquals(
        "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
        HEX.formatHex(Noise.hash("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
  }

  @Test
  void x25519_gives_the_rfc_7748_shared_secret() {
    byte[] alice = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bobPublic =
        HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    assertArrayEquals(
        HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"),
        Noise.dh(alice, bobPublic));
  }

  private static byte[] hex(String json, String name) {
    return HEX.parseHex(field(json, name));
  }

  /** The first string value of {@code name}, or the first element if it is an array. */
  private static String field(String json, String name) {
    var m = Pattern.compile("\"" + name + "\":\\s*\\[?\\s*\"([0-9a-f]*)\"").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in the vector file");
    }
    return m.group(1);
  }
}
