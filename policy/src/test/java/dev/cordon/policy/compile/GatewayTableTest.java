package dev.cordon.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Posture;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcollections.TreePMap;

/**
 * A table's peers are a persistent map in device-id order: one handed in is shared as it is (that
 * is what makes a gateway's next version cost the change), any other map is copied, so nothing done
 * to it afterwards reaches the table, and nobody can change a table's peers.
 */
class GatewayTableTest {

  @Test
  void aPersistentMapOfPeersIsSharedAndTheNextVersionKeepsTheUntouchedEntries() {
    TreePMap<String, AuthorizedPeer> peers = TreePMap.empty();
    for (int i = 0; i < 50; i++) peers = peers.plus(id(i), peer(i));
    GatewayTable table = table(peers);
    assertSame(peers, table.peers());
    assertSame(peers, table.withRules(2, true, List.of(), List.of()).peers());

    GatewayTable next = table(table.peers().minus(id(7)));
    assertEquals(50, table.peers().size(), "the older version still holds device 7");
    assertEquals(49, next.peers().size());
    assertSame(table.peers().get(id(8)), next.peers().get(id(8)), "untouched entries are shared");
  }

  @Test
  void anyOtherMapIsCopiedInDeviceIdOrder() {
    Map<String, AuthorizedPeer> source = new HashMap<>();
    for (int i = 20; i > 0; i--) source.put(id(i), peer(i));
    GatewayTable fromHash = table(source);
    source.remove(id(3));
    assertEquals(20, fromHash.peers().size(), "a change to the source does not reach the table");

    TreeMap<String, AuthorizedPeer> reversed = new TreeMap<>(Comparator.reverseOrder());
    for (int i = 1; i <= 20; i++) reversed.put(id(i), peer(i));
    GatewayTable fromReversed = table(reversed);
    assertEquals(id(1), fromReversed.peers().firstKey(), "device-id order, not the source's");
    assertEquals(new TreeMap<>(reversed), fromReversed.peers());

    TreePMap<String, AuthorizedPeer> backwards =
        TreePMap.<String, AuthorizedPeer>empty(Comparator.reverseOrder()).plusAll(reversed);
    GatewayTable fromBackwards = table(backwards);
    assertNotSame(backwards, fromBackwards.peers());
    assertEquals(id(1), fromBackwards.peers().firstKey());
  }

  @Test
  void aTablesPeersCannotBeChanged() {
    GatewayTable table = table(Map.of(id(1), peer(1)));
    assertThrows(UnsupportedOperationException.class, () -> table.peers().put(id(2), peer(2)));
    assertThrows(UnsupportedOperationException.class, () -> table.peers().remove(id(1)));
    assertEquals(Set.of(id(1)), table.peers().keySet());
  }

  private static GatewayTable table(Map<String, AuthorizedPeer> peers) {
    return new GatewayTable("gw-1", 1, false, peers, List.of(), List.of());
  }

  private static String id(int i) {
    return "dev-%03d".formatted(i);
  }

  private static AuthorizedPeer peer(int i) {
    return new AuthorizedPeer(
        id(i),
        id(i),
        new byte[32],
        IpAddress.parse("10.77.0." + (i + 1)),
        Set.of("sensors"),
        DeviceStatus.ACTIVE,
        Posture.UNKNOWN,
        null);
  }
}
