package dev.cordon.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and the store directory hold the CA key and every record: owner only. */
class DataDirectoryModeTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theDataDirectoryIsCreatedOwnerOnly() throws IOException {
    Path data = tmp.resolve("var/lib/cordon");
    ControllerRuntime.createPrivateDirectory(data);
    assertEquals("rwx------", mode(data), "0700, not the umask's 0755");
  }

  @Test
  void theStoreDirectoryIsCreatedOwnerOnly() throws Exception {
    Path dir = tmp.resolve("data/store");
    try (Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      assertEquals("rwx------", mode(dir), "0700, not the umask's 0755");
    }
  }

  @Test
  void anExistingDataDirectoryKeepsTheModeItsOperatorGaveIt() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
    ControllerRuntime.createPrivateDirectory(data);
    assertEquals("rwxr-x---", mode(data), "left as the operator set it");
  }
}
