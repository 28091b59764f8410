package dev.cordon.controller.daemon;

import dev.cordon.controller.store.EtcdStoreOptions;
import dev.cordon.controller.store.EtcdTls;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Opens the store a {@code --store} value names: {@code sqlite} (in the data directory's {@code
 * store/}) or {@code etcd://host:port[,host:port]}, over TLS when {@code tls} is given. One place,
 * so the daemon and the host-side tools (owner-credential) open the very same store. An etcd store
 * is asked for its revision at once, so an unreachable etcd or a TLS mismatch stops a start with a
 * message that says which, instead of failing the first request later.
 */
final class ControllerStores {

  private ControllerStores() {}

  static Store open(String store, Path dataDir, Optional<EtcdTls> tls, PrintWriter out) {
    check(store, tls);
    if (store.equals("sqlite")) {
      Path dir = dataDir.resolve("store");
      out.printf("store: embedded SQLite in %s%n", dir);
      return Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    }
    List<String> endpoints = etcdEndpoints(store, tls.isPresent());
    out.printf(
        "store: etcd at %s%s%n",
        String.join(",", endpoints),
        tls.map(t -> t.cert().isPresent() ? " (TLS, client certificate)" : " (TLS)").orElse(""));
    Store opened =
        Store.connectEtcd(endpoints, EtcdStoreOptions.builder().tls(tls.orElse(null)).build());
    try {
      opened.currentRevision();
    } catch (RuntimeException e) {
      opened.close();
      throw new IllegalStateException(unreachable(endpoints, tls, e), e);
    }
    return opened;
  }

  /**
   * Refuses a {@code --store} value this class cannot open, or etcd TLS for the embedded store,
   * without connecting to anything: the commands call it before they start work.
   */
  static void check(String store, Optional<EtcdTls> tls) {
    if (!store.equals("sqlite")) {
      etcdEndpoints(store, tls.isPresent());
    } else if (tls.isPresent()) {
      throw new IllegalArgumentException(
          "--etcd-ca, --etcd-cert and --etcd-key need --store etcd://...");
    }
  }

  static Store open(String store, Path dataDir, PrintWriter out) {
    return open(store, dataDir, Optional.empty(), out);
  }

  /** The etcd endpoints as jetcd wants them ({@code http://host:port} or https with TLS). */
  static List<String> etcdEndpoints(String store, boolean tls) {
    if (!store.startsWith("etcd://")) {
      throw new IllegalArgumentException(
          "--store must be 'sqlite' or 'etcd://host:port[,host:port...]', not '" + store + "'");
    }
    String hosts = store.substring("etcd://".length());
    if (hosts.isBlank()) {
      throw new IllegalArgumentException("--store etcd:// needs at least one host:port");
    }
    String scheme = tls ? "https://" : "http://";
    return List.of(hosts.split(",")).stream().map(h -> scheme + h.strip()).toList();
  }

  /** Says what most likely went wrong: TLS trust, TLS at all, or reachability. */
  private static String unreachable(List<String> endpoints, Optional<EtcdTls> tls, Throwable e) {
    String root = rootMessage(e);
    String where = "cannot use etcd at " + String.join(",", endpoints) + ": ";
    Optional<String> handshake =
        tls.flatMap(t -> handshakeFailure(t, endpoints.getFirst()))
            .or(
                () ->
                    tls.isPresent() && causedBy(e, SSLException.class)
                        ? Optional.of(root)
                        : Optional.empty());
    if (handshake.isPresent()) {
      return where
          + "the TLS handshake failed ("
          + handshake.get()
          + "); is etcd's server certificate signed by the CA in --etcd-ca "
          + tls.orElseThrow().ca()
          + ", and does it name the host you gave?";
    }
    if (tls.isEmpty() && root.toLowerCase(java.util.Locale.ROOT).contains("tls")) {
      return where + root + "; if etcd serves TLS, pass --etcd-ca (and --etcd-cert/--etcd-key)";
    }
    return where + root;
  }

  private static Optional<String> handshakeFailure(EtcdTls tls, String endpoint) {
    java.net.URI uri = java.net.URI.create(endpoint);
    return tls.handshakeFailure(uri.getHost(), uri.getPort(), java.time.Duration.ofSeconds(5));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)
          || (t.getMessage() != null && t.getMessage().contains("PKIX path building failed"))) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
