package dev.cordon.tunnel.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trie against a plain list of prefixes scanned in full for every lookup. */
class AllowedIpsDifferentialTest {

  /** The obvious definition: the longest prefix in the list that holds the address. */
  private static final class NaiveTable {
    private final Map<IpPrefix, Integer> entries = new LinkedHashMap<>();

    Integer lookup(boolean ipv6, long high, long low) {
      IpPrefix best = null;
      for (IpPrefix prefix : entries.keySet()) {
        boolean holds =
            prefix.ipv6() == ipv6
                && new IpPrefix(ipv6, high, low, prefix.length()).equals(prefix)
                && (best == null || prefix.length() > best.length());
        if (holds) {
          best = prefix;
        }
      }
      return best == null ? null : entries.get(best);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ipv4", "ipv6"})
  void theTrieAnswersEveryLookupAsALinearScanWould(String family) {
    boolean ipv6 = family.equals("ipv6");
    Random random = new Random(0xC04D0L + family.hashCode());
    AllowedIps<Integer> trie = new AllowedIps<>();
    NaiveTable naive = new NaiveTable();
    List<IpPrefix> inserted = new ArrayList<>();
    long[] anchors = {random.nextLong(), random.nextLong(), random.nextLong()};
    int lookups = 0;
    for (int round = 0; round < 400; round++) {
      for (int change = 0; change < 3; change++) {
        mutate(random, ipv6, anchors, trie, naive, inserted);
      }
      for (int i = 0; i < 30; i++) {
        long high = near(random, anchors);
        long low = ipv6 ? near(random, anchors) : 0;
        if (!ipv6) {
          high &= 0xFFFF_FFFF_0000_0000L;
        }
        Integer got = ipv6 ? trie.lookupIpv6(high, low) : trie.lookupIpv4((int) (high >>> 32));
        assertEquals(
            naive.lookup(ipv6, high, low), got, "lookup " + lookups + " after round " + round);
        lookups++;
      }
    }
    assertEquals(12_000, lookups);
    for (int peer = 0; peer < 8; peer++) {
      assertEquals(
          expectedEntries(naive, peer), Set.copyOf(trie.entries(peer)), "entries of " + peer);
    }
  }

  private static java.util.Set<IpPrefix> expectedEntries(NaiveTable naive, int peer) {
    return naive.entries.entrySet().stream()
        .filter(e -> e.getValue() == peer)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static void mutate(
      Random random,
      boolean ipv6,
      long[] anchors,
      AllowedIps<Integer> trie,
      NaiveTable naive,
      List<IpPrefix> inserted) {
    int action = random.nextInt(10);
    if (action < 6 || inserted.isEmpty()) {
      int max = ipv6 ? 128 : 32;
      int length =
          random.nextInt(10) == 0 ? (random.nextBoolean() ? 0 : max) : random.nextInt(max + 1);
      IpPrefix prefix =
          new IpPrefix(ipv6, near(random, anchors), near(random, anchors), ipv6 ? length : length);
      if (!ipv6) {
        prefix = IpPrefix.ipv4((int) (prefix.high() >>> 32), length);
      }
      int peer = random.nextInt(8);
      trie.insert(prefix, peer);
      naive.entries.put(prefix, peer);
      inserted.add(prefix);
    } else if (action < 9) {
      IpPrefix prefix = inserted.get(random.nextInt(inserted.size()));
      assertEquals(naive.entries.remove(prefix), trie.remove(prefix), "removing " + prefix);
    } else {
      int peer = random.nextInt(8);
      trie.removeByPeer(peer);
      naive.entries.values().removeIf(p -> p == peer);
    }
  }

  /** Addresses clustered around a few anchors, so prefixes overlap and share long paths. */
  private static long near(Random random, long[] anchors) {
    long anchor = anchors[random.nextInt(anchors.length)];
    return switch (random.nextInt(4)) {
      case 0 -> random.nextLong();
      case 1 -> anchor ^ (1L << random.nextInt(64));
      case 2 -> anchor ^ random.nextLong() >>> random.nextInt(64);
      default -> anchor;
    };
  }
}
