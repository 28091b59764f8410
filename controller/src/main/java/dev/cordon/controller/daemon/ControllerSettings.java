package dev.cordon.controller.daemon;

import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.controller.store.EtcdTls;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one controller runs with, after flags and the config file are read. {@code store} is {@code
 * sqlite} or {@code etcd://host:port,host:port}; {@code issuance} holds the certificate lifetimes
 * per kind of principal; {@code etcdTls} is TLS to etcd (https endpoints); {@code caImport} a
 * directory holding an issuing CA to import on first start (several controllers on one etcd share
 * one CA that way).
 */
public record ControllerSettings(
    String name,
    InetSocketAddress listen,
    Path dataDir,
    String trustDomain,
    String store,
    String advertise,
    AddressPool pool,
    Optional<InetSocketAddress> metricsListen,
    List<String> extraNames,
    IssuanceOptions issuance,
    Optional<EtcdTls> etcdTls,
    Optional<Path> caImport) {

  public ControllerSettings {
    Objects.requireNonNull(issuance);
    Objects.requireNonNull(etcdTls);
    Objects.requireNonNull(caImport);
    Objects.requireNonNull(listen);
    Objects.requireNonNull(dataDir);
    extraNames = List.copyOf(extraNames);
    if (!store.equals("sqlite") && !store.startsWith("etcd://")) {
      throw new IllegalArgumentException(
          "--store must be 'sqlite' or 'etcd://host:port[,host:port...]', not '" + store + "'");
    }
  }

  static InetSocketAddress parseAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostPort + "' must be host:port");
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      return new InetSocketAddress(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + hostPort + "' must be host:port with a port 0..65535");
    }
  }
}
