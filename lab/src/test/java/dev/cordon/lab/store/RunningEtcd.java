package dev.cordon.lab.store;

import dev.cordon.controller.store.EtcdStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.lab.EtcdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd on loopback shared by one test class: register it as a static
 * {@code @RegisterExtension} field. It starts before the class's first test and is stopped, its
 * data deleted, after the last, also when a test or the start itself failed (JUnit runs after-all
 * callbacks either way). Tests keep apart by opening stores on their own key namespace.
 */
final class RunningEtcd implements BeforeAllCallback, AfterAllCallback {

  private final int members;
  private Path dataDir;
  private EtcdCluster cluster;

  private RunningEtcd(int members) {
    this.members = members;
  }

  /** An etcd of {@code count} members (1 for a single node, 3 for a cluster). */
  static RunningEtcd withMembers(int count) {
    return new RunningEtcd(count);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("cordon-etcd-");
    cluster = EtcdCluster.start(dataDir, members);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      cluster = null;
      deleteTree(dataDir);
    }
  }

  /** A store on this etcd with its keys under {@code namespace}; the caller closes it. */
  Store open(String namespace) {
    return Store.connectEtcd(
        cluster.clientEndpoints(), EtcdStoreOptions.builder().namespace(namespace).build());
  }

  /** EtcdCluster deletes its members' data; this removes the rest (their logs, the directory). */
  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete etcd data in " + root, e);
    }
  }
}
