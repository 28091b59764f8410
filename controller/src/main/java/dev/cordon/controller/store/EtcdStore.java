package dev.cordon.controller.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The store on etcd. Every key lives under the options' namespace (jetcd adds and strips it), so
 * deployments sharing one cluster never see each other. Revisions, compaction and leases are etcd's
 * own; this class maps them one to one and turns failures into {@link StoreException}s.
 */
final class EtcdStore implements Store {
  /** A key no caller can name (keys start with /): reading it yields just the revision. */
  private static final ByteSequence REVISION_PROBE = ByteSequence.from(new byte[] {0});

  private final Client client;
  private final KV kv;
  private final EtcdCalls calls;
  private final EtcdWatches watches;

  private EtcdStore(Client client, EtcdStoreOptions options) {
    this.client = client;
    this.kv = client.getKVClient();
    this.calls = new EtcdCalls(options.requestTimeout());
    this.watches = new EtcdWatches(client.getWatchClient());
  }

  static EtcdStore connect(List<String> endpoints, EtcdStoreOptions options) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("etcd needs at least one endpoint, like http://host:2379");
    }
    ClientBuilder builder =
        Client.builder()
            .endpoints(endpoints.toArray(String[]::new))
            .connectTimeout(options.connectTimeout());
    if (!options.namespace().isEmpty()) {
      builder.namespace(ByteSequence.from(options.namespace(), StandardCharsets.UTF_8));
    }
    if (options.tls().isPresent()) {
      if (endpoints.stream().anyMatch(e -> !e.startsWith("https://"))) {
        throw new IllegalArgumentException(
            "with TLS to etcd every endpoint must be https://, got " + endpoints);
      }
      try {
        builder.sslContext(options.tls().get()::configure);
      } catch (javax.net.ssl.SSLException e) {
        throw new IllegalArgumentException("cannot set up TLS to etcd: " + e.getMessage(), e);
      }
    }
    return new EtcdStore(builder.build(), options);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    GetResponse response = calls.await("get " + key, kv.get(EtcdBytes.key(key)));
    return response.getKvs().stream().findFirst().map(EtcdBytes::keyValue);
  }

  @Override
  public Range range(String prefix) {
    EtcdBytes.Span span = EtcdBytes.prefix(prefix);
    GetOption option =
        GetOption.builder()
            .withRange(span.end())
            .withSortField(GetOption.SortTarget.KEY)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .build();
    GetResponse response = calls.await("range " + prefix, kv.get(span.start(), option));
    return new Range(
        response.getKvs().stream().map(EtcdBytes::keyValue).toList(),
        response.getHeader().getRevision());
  }

  @Override
  public TxnResult commit(TxnRequest request) {
    TxnResponse response;
    try {
      response =
          calls.await(
              "transaction",
              kv.txn()
                  .If(EtcdTxns.compares(request.compares()))
                  .Then(EtcdTxns.ops(request.then()))
                  .Else(EtcdTxns.ops(request.otherwise()))
                  .commit());
    } catch (StoreException e) {
      if (EtcdCalls.says(e, "requested lease not found")) {
        throw new LeaseNotFoundException(leaseOf(request));
      }
      throw e;
    }
    return new TxnResult(response.isSucceeded(), response.getHeader().getRevision());
  }

  /** Which lease a refused transaction named, for the error message. */
  private static long leaseOf(TxnRequest request) {
    return java.util.stream.Stream.concat(request.then().stream(), request.otherwise().stream())
        .filter(op -> op instanceof Op.Put put && put.lease() != 0)
        .mapToLong(op -> ((Op.Put) op).lease())
        .findFirst()
        .orElse(0);
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    if (fromRevision < 1) {
      throw new IllegalArgumentException("a watch starts at revision 1 or later");
    }
    return watches.start(prefix, fromRevision, listener);
  }

  @Override
  public void compact(long revision) {
    try {
      calls.await("compact to " + revision, kv.compact(revision, CompactOption.DEFAULT));
    } catch (StoreException e) {
      if (EtcdCalls.says(e, "required revision has been compacted")) {
        return; // already compacted at or past it: the retry-safe outcome
      }
      if (EtcdCalls.says(e, "future revision")) {
        throw new IllegalArgumentException(
            "cannot compact to revision " + revision + ": it is in the future", e);
      }
      throw e;
    }
  }

  @Override
  public Lease grantLease(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease needs a positive TTL, got " + ttl);
    }
    long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000); // etcd counts whole seconds
    var response = calls.await("grant lease", client.getLeaseClient().grant(seconds));
    return new Lease(response.getID(), Duration.ofSeconds(response.getTTL()));
  }

  @Override
  public boolean keepAlive(long leaseId) {
    try {
      var response =
          calls.await("keep lease alive", client.getLeaseClient().keepAliveOnce(leaseId));
      return response.getTTL() > 0;
    } catch (StoreException e) {
      if (EtcdCalls.says(e, "lease not found")) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void revoke(long leaseId) {
    try {
      calls.await("revoke lease", client.getLeaseClient().revoke(leaseId));
    } catch (StoreException e) {
      if (!EtcdCalls.says(e, "lease not found")) {
        throw e;
      }
    }
  }

  @Override
  public long currentRevision() {
    GetOption countOnly = GetOption.builder().withCountOnly(true).build();
    return calls
        .await("read revision", kv.get(REVISION_PROBE, countOnly))
        .getHeader()
        .getRevision();
  }

  @Override
  public void close() {
    watches.endAll();
    client.close();
  }
}
