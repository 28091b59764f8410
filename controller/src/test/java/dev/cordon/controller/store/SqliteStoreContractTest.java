package dev.cordon.controller.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded SQLite store, each test in its own data directory. */
class SqliteStoreContractTest extends StoreContract {
  @TempDir Path root;

  @Override
  protected Store openStore(String namespace) {
    return Store.openSqlite(root.resolve(namespace.substring(1)), SqliteStoreOptions.DEFAULT);
  }
}
