package dev.cordon.controller.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the etcd store.
 *
 * @param namespace prefix put before every key, so several deployments (or test runs) share one
 *     etcd without seeing each other; keys read back without it. Empty, or a path like {@code
 *     /cordon} with no trailing slash (keys bring their own); namespaces must not nest
 * @param requestTimeout how long one request may take before it fails with an unknown outcome
 * @param connectTimeout how long to wait for a connection to an endpoint
 */
public record EtcdStoreOptions(String namespace, Duration requestTimeout, Duration connectTimeout) {

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
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .namespace(namespace)
        .requestTimeout(requestTimeout)
        .connectTimeout(connectTimeout);
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

    public EtcdStoreOptions build() {
      return new EtcdStoreOptions(namespace, requestTimeout, connectTimeout);
    }
  }
}
