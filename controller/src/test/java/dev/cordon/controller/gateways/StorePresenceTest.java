package dev.cordon.controller.gateways;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePresenceTest {
  @TempDir Path dir;
  private Store store;
  private StorePresence c1;
  private StorePresence c2;

  @BeforeEach
  void open() {
    store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    c1 = StorePresence.start(store, "c1");
    c2 = StorePresence.start(store, "c2");
  }

  @AfterEach
  void close() {
    c1.close();
    c2.close();
    store.close();
  }

  @Test
  void aWatchOpenOnOneControllerMakesTheGatewayConnectedOnEveryController() {
    Presence.Held watch = c1.opened("hq");

    assertTrue(c2.connected("hq"), "c2 reads c1's watch from the store");
    assertTrue(c1.connected("hq"));
    assertFalse(c2.connected("plant"), "another gateway has no watch");
    assertFalse(c2.connected("h"), "a gateway whose name prefixes hq's is not hq");

    watch.close();
    assertFalse(c2.connected("hq"), "the watch ended");
  }

  @Test
  void aGatewayStaysConnectedUntilItsLastWatchEnds() {
    Presence.Held first = c1.opened("hq");
    Presence.Held second = c2.opened("hq");

    first.close();
    first.close();
    assertTrue(c1.connected("hq"), "the watch on c2 is still open");

    second.close();
    assertFalse(c1.connected("hq"), "no watch is left");
  }

  @Test
  void aControllerThatStopsTakesItsWatchesWithIt() {
    c1.opened("hq");
    c1.close();

    assertFalse(c2.connected("hq"), "c1's lease is gone, and with it the keys of its watches");
  }

  @Test
  void localPresenceCountsWatchesInThisProcess() {
    Presence local = Presence.local();
    Presence.Held a = local.opened("hq");
    Presence.Held b = local.opened("hq");

    a.close();
    a.close();
    assertTrue(local.connected("hq"), "closing one handle twice ends only that watch");
    b.close();
    assertFalse(local.connected("hq"));
  }
}
