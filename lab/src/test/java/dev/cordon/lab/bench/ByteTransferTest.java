package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ByteTransferTest {
  @Test
  void the_expected_hash_depends_on_seed_and_length_and_nothing_else() {
    String a = ByteTransfer.expectedSha256(1, 100_003);

    assertEquals(a, ByteTransfer.expectedSha256(1, 100_003));
    assertNotEquals(a, ByteTransfer.expectedSha256(2, 100_003));
    assertNotEquals(a, ByteTransfer.expectedSha256(1, 100_002));
  }

  @Test
  void zero_bytes_hash_to_the_sha256_of_nothing() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ByteTransfer.expectedSha256(9, 0));
  }
}
