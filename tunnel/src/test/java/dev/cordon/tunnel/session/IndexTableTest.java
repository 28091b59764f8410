package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.crypto.Entropy;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexTableTest {
  /** Entropy that repeats each value three times (0 first), so collisions are certain. */
  private static Entropy repeating() {
    int[] calls = {0};
    return out -> {
      int value = calls[0]++ / 3;
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (value >>> (8 * i));
      }
    };
  }

  @Test
  void indicesAreUniqueWhileHeldAndNeverZeroEvenWhenRandomnessRepeats() {
    IndexTable table = new IndexTable(repeating());
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      int index = table.newIndexForHandshake(null);
      assertNotEquals(0, index);
      assertTrue(seen.add(index), "index " + index + " handed out twice");
    }
    assertEquals(1000, table.size());
  }

  @Test
  void aDeletedIndexNamesNothing() {
    IndexTable table = new IndexTable(Duo.entropy(7));
    int index = table.newIndexForHandshake(null);
    assertTrue(table.lookup(index).isHandshake());
    table.delete(index);
    assertNull(table.lookup(index));
  }

  @Test
  void deleteHandshakeLeavesAnIndexThatNowNamesAKeypair() {
    IndexTable table = new IndexTable(Duo.entropy(8));
    int index = table.newIndexForHandshake(null);
    var keypair =
        new dev.cordon.tunnel.protocol.Keypair(new byte[32], new byte[32], index, 1, true, 0);
    table.swapIndexForKeypair(index, keypair);
    table.deleteHandshake(index);
    assertEquals(keypair, table.lookup(index).keypair());
  }
}
