package dev.cordon.controller.daemon;

import dev.cordon.controller.store.EtcdTls;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --etcd-ca}, {@code --etcd-cert} and {@code --etcd-key}, shared by every command that opens
 * the store; each may also come from the config file ({@code etcd-ca=...}).
 */
final class EtcdTlsOptions {

  @Option(
      names = "--etcd-ca",
      paramLabel = "FILE",
      description = "CA certificate (PEM) that signed etcd's server certificates; turns on TLS.")
  Path ca;

  @Option(
      names = "--etcd-cert",
      paramLabel = "FILE",
      description = "Client certificate (PEM) for etcd's --client-cert-auth; needs --etcd-key.")
  Path cert;

  @Option(
      names = "--etcd-key",
      paramLabel = "FILE",
      description = "The client certificate's private key (PEM, unencrypted, keep it 0600).")
  Path key;

  /** TLS to etcd if any of the three is set; a certificate without a key is refused. */
  Optional<EtcdTls> resolve(ConfigFile file) {
    Optional<Path> caFile = path(file, "--etcd-ca", ca);
    Optional<Path> certFile = path(file, "--etcd-cert", cert);
    Optional<Path> keyFile = path(file, "--etcd-key", key);
    if (caFile.isEmpty()) {
      if (certFile.isPresent() || keyFile.isPresent()) {
        throw new IllegalArgumentException(
            "--etcd-cert and --etcd-key need --etcd-ca: the CA that signed etcd's certificate");
      }
      return Optional.empty();
    }
    return Optional.of(new EtcdTls(caFile.get(), certFile, keyFile));
  }

  private static Optional<Path> path(ConfigFile file, String flag, Path fromFlag) {
    return Optional.ofNullable(file.value(flag, fromFlag == null ? null : fromFlag.toString()))
        .map(Path::of);
  }
}
