package dev.cordon.controller.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the etcd store.
 *
 * @param namespace prefix put before every key, so several deployments (or test runs) share one
 *     etcd without seeing each other; keys read back without it. Empty, or a path like {@code
 *     /cordon} with no trailing slash (keys bring their own); namespaces must not nest
 * @param requestTimeout how long one request may take before it fails with an unknown outcome
 * @param connectTimeout how long to wait for a connection to an endpoint
 * @param tls TLS to etcd (https endpoints); empty for plain http
 */
public record EtcdStoreOptions(
    String namespace, Duration requestTimeout, Duration connectTimeout, Optional<EtcdTls> tls) {

  public static final EtcdStoreOptions DEFAULT = builder().build();

  public EtcdStoreOptions {
    Objects.requireNonNull(namespace, "namespace");
    if (!namespace.isEmpty() && (!namespace.startsWith("/") || namespace.endsWith("/"))) {
      throw new IllegalArgumentException(
          "an etcd namespace is empty or a path like /cordon (no trailing slash), got "
              + namespace);
    }
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tls, "tls");
  }

  /** Options without TLS. */
  public EtcdStoreOptions(String namespace, Duration requestTimeout, Duration connectTimeout) {
    this(namespace, requestTimeout, connectTimeout, Optional.empty());
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .namespace(namespace)
        .requestTimeout(requestTimeout)
        .connectTimeout(connectTimeout)
        .tls(tls.orElse(null));
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }

  /** Builds options; unset fields keep their defaults. */
  public static final class Builder {
    private String namespace = "/cordon";
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private EtcdTls tls;

    private Builder() {}

    public Builder namespace(String value) {
      namespace = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    /** TLS to etcd; null for plain http. */
    public Builder tls(EtcdTls value) {
      tls = value;
      return this;
    }

    public EtcdStoreOptions build() {
      return new EtcdStoreOptions(
          namespace, requestTimeout, connectTimeout, Optional.ofNullable(tls));
    }
  }
}
