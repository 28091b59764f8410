package dev.cordon.controller.jobs;

import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep contract on the embedded store; the two controllers share one handle, as one SQLite
 * file serves one process.
 */
class SqliteSweepTest extends SweepContract {
  @TempDir Path root;

  @Override
  protected Store openStore(String namespace) {
    return Store.openSqlite(root.resolve(namespace.substring(1)), SqliteStoreOptions.DEFAULT);
  }

  @Override
  protected Store secondController(Store first, String namespace) {
    return first;
  }
}
