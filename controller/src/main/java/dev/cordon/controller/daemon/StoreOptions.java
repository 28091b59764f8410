package dev.cordon.controller.daemon;

import dev.cordon.controller.store.EtcdTls;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}, {@code --store} and the etcd TLS flags: where a controller's state lives. One
 * mixin for the daemon and the host-side tools that open the same state (owner-credential), so
 * every command takes these flags with the same defaults and help and refuses the same values with
 * the same words. Each may also come from the config file ({@code store=...}).
 */
final class StoreOptions {

  @Option(
      names = "--data-dir",
      defaultValue = "/var/lib/cordon-controller",
      paramLabel = "DIR",
      description =
          "Where the CA, the embedded store and the first owner credential live"
              + " (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--store",
      defaultValue = "sqlite",
      paramLabel = "sqlite|etcd://H:P[,H:P]",
      description = "State store (default: ${DEFAULT-VALUE}).")
  String store;

  @Mixin EtcdTlsOptions etcdTls = new EtcdTlsOptions();

  /** The data directory: the flag, else the config file, else the default. */
  Path dataDir(ConfigFile file) {
    return Path.of(file.value("--data-dir", dataDir.toString()));
  }

  /**
   * The {@code --store} value, checked together with the TLS flags before anything is opened: an
   * unknown scheme, an etcd URL without hosts, or etcd TLS for the embedded store is refused.
   */
  String store(ConfigFile file) {
    String value = file.value("--store", store);
    ControllerStores.check(value, etcdTls(file));
    return value;
  }

  /** TLS to etcd if any etcd TLS flag is set; see {@link EtcdTlsOptions#resolve}. */
  Optional<EtcdTls> etcdTls(ConfigFile file) {
    return etcdTls.resolve(file);
  }
}
