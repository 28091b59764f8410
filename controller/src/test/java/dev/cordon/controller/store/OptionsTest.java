package dev.cordon.controller.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void anEtcdNamespaceWithATrailingSlashIsRefusedBecauseKeysBringTheirOwn() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdStoreOptions.builder().namespace("/cordon/").build());
    assertTrue(e.getMessage().contains("/cordon/"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> EtcdStoreOptions.builder().namespace("cordon").build());
    assertEquals("", EtcdStoreOptions.builder().namespace("").build().namespace());
  }

  @Test
  void defaultsAreUsableAndABuilderChangesOnlyWhatItIsTold() {
    assertEquals("/cordon", EtcdStoreOptions.DEFAULT.namespace());
    SqliteStoreOptions relaxed =
        SqliteStoreOptions.DEFAULT.toBuilder().durableCommits(false).build();
    assertEquals(SqliteStoreOptions.DEFAULT.busyTimeout(), relaxed.busyTimeout());
    assertTrue(SqliteStoreOptions.DEFAULT.durableCommits(), "durable by default: it holds the CA");
    assertThrows(
        IllegalArgumentException.class,
        () -> SqliteStoreOptions.builder().leaseSweepInterval(Duration.ZERO).build());
  }
}
