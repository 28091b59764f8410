package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitiationsTest {
  private final Keys initiator = Keys.generate();
  private final Keys responder = Keys.generate();
  private final Initiations initiations =
      new Initiations(initiator, responder.publicKey(), new SecureRandom());

  @Test
  void an_initiation_is_148_bytes_of_type_1_with_the_sender_index_little_endian_and_no_mac2() {
    byte[] msg = initiations.create(0x04030201, 1_700_000_000_000_000_000L);

    assertEquals(Initiations.INITIATION_LENGTH, msg.length);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 1, 2, 3, 4}, Arrays.copyOf(msg, 8));
    assertArrayEquals(new byte[16], Arrays.copyOfRange(msg, 132, 148));
  }

  @Test
  void mac1_is_keyed_blake2s_over_the_first_116_bytes_under_the_responders_public_key() {
    byte[] msg = initiations.create(7, 1_700_000_000_000_000_000L);

    byte[] key = Noise.hash("mac1----".getBytes(StandardCharsets.US_ASCII), responder.publicKey());
    assertArrayEquals(Noise.mac(key, msg, 116), Arrays.copyOfRange(msg, 116, 132));
  }

  @Test
  void the_static_key_sealed_in_an_initiation_decrypts_to_the_initiators_public_key() {
    byte[] msg = initiations.create(7, 1_700_000_000_000_000_000L);
    byte[] ephemeral = Arrays.copyOfRange(msg, 8, 40);

    // The responder's side of "e, es": its static private key with our ephemeral public key.
    byte[] chainKey = Noise.hash(Noise.CONSTRUCTION);
    byte[] h = Noise.hash(Noise.hash(chainKey, Noise.IDENTIFIER), responder.publicKey());
    chainKey = Noise.kdf(chainKey, ephemeral, 1)[0];
    h = Noise.hash(h, ephemeral);
    byte[][] ck = Noise.kdf(chainKey, Noise.dh(responder.privateKey(), ephemeral), 2);
    byte[] sealed = Noise.seal(ck[1], initiator.publicKey(), h);

    assertArrayEquals(sealed, Arrays.copyOfRange(msg, 40, 88));
  }

  @Test
  void tai64n_grows_with_time_when_compared_as_bytes_the_way_responders_compare_it() {
    byte[] earlier = Initiations.tai64n(1_700_000_000_999_999_999L);
    byte[] later = Initiations.tai64n(1_700_000_001_000_000_000L);

    assertTrue(Arrays.compareUnsigned(earlier, later) < 0);
    assertEquals(0x40, earlier[0] & 0xff, "TAI64 labels start at 2^62");
  }

  @Test
  void responses_and_cookie_replies_are_told_apart_by_type_and_exact_length() {
    byte[] response = new byte[92];
    response[0] = 2;
    response[8] = 5;
    byte[] cookie = new byte[64];
    cookie[0] = 3;
    cookie[4] = 9;

    assertEquals(2, Initiations.typeOf(response, 92));
    assertEquals(5, Initiations.receiverIndex(response, 2));
    assertEquals(3, Initiations.typeOf(cookie, 64));
    assertEquals(9, Initiations.receiverIndex(cookie, 3));
    assertEquals(-1, Initiations.typeOf(response, 91), "a truncated response is no response");
  }
}
