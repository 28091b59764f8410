package dev.cordon.controller.tables;

import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.policy.PolicyDevices;
import dev.cordon.controller.policy.PolicyKeys;
import dev.cordon.controller.policy.StoredPolicy;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Range;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.StoreException;
import dev.cordon.controller.store.Watch;
import dev.cordon.controller.store.WatchEvent;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.registry.DeviceRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * This controller's tables, kept current from the store and pushed to subscribers. One thread owns
 * the compiled state: store events and subscription requests queue up for it. It reads the store
 * once at start (and again whenever its watch ends with {@link WatchEvent.Compacted} or {@link
 * WatchEvent.Broken}), then follows one watch over every key, so registry and policy changes are
 * applied in revision order whichever controller made them.
 *
 * <p>Changes of one revision (one transaction) are published together: a revision is complete when
 * an event of a later one arrives, or when no event has arrived for {@link #QUIET}.
 */
public final class TableFeed implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TableFeed.class.getName());

  /** How long the feed waits for more events of the same revision before publishing. */
  static final Duration QUIET = Duration.ofMillis(2);

  private static final Duration RETRY = Duration.ofMillis(200);

  private final Store store;
  private final TableState state;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object progress = new Object();
  private volatile long published;
  private volatile boolean closed;
  private long generation;
  private Watch watch;

  private record Item(long generation, WatchEvent event) {}

  private TableFeed(Store store, Clock clock) {
    this.store = store;
    this.state = new TableState(clock);
    this.thread = Thread.ofPlatform().name("cordon-tables").daemon().unstarted(this::run);
  }

  /** Reads the store, compiles, and starts following it. */
  public static TableFeed start(Store store, Clock clock) {
    TableFeed feed = new TableFeed(store, clock);
    feed.queue.add((Runnable) feed::resync);
    feed.thread.start();
    return feed;
  }

  /**
   * Subscribes a gateway. {@code appliedVersion} is the version it enforces (0: none): when that is
   * still current it gets only the deltas after it, else a snapshot first. A version newer than
   * this controller has processed is waited for (versions never go backwards); one newer than the
   * store has ever been is ignored.
   */
  public Subscription watchGateway(
      String gateway, long appliedVersion, Subscriber<GatewayUpdate> subscriber) {
    GatewayChannel.Sub sub = new GatewayChannel.Sub(subscriber, plausible(appliedVersion));
    queue.add((Runnable) () -> state.subscribe(gateway, sub));
    return () -> {
      sub.closed = true;
      queue.add((Runnable) state::prune);
    };
  }

  /** Subscribes a device to its table, as {@link #watchGateway} does for a gateway. */
  public Subscription syncDevice(
      String deviceId, long knownVersion, Subscriber<DeviceUpdate> subscriber) {
    DeviceChannel.Sub sub = new DeviceChannel.Sub(subscriber, plausible(knownVersion));
    queue.add((Runnable) () -> state.subscribeDevice(deviceId, sub));
    return () -> {
      sub.closed = true;
      queue.add((Runnable) state::prune);
    };
  }

  /** The newest version compiled for {@code gateway}: a gateway at or above it is current. */
  public long targetVersion(String gateway) {
    return call(() -> state.targetVersion(gateway));
  }

  /** The gateway's table as this controller would send it now (for status views and tests). */
  public GatewayTable table(String gateway) {
    return call(() -> state.publishedTable(gateway));
  }

  /** The revision this controller's published tables reflect. */
  public long revision() {
    return published;
  }

  /** Waits until the published tables reflect {@code revision}; false on timeout. */
  public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (published < revision) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return true;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- the feed's thread ---

  private long plausible(long version) {
    return version > store.currentRevision() ? 0 : version;
  }

  private void run() {
    try {
      while (!closed) {
        handle(queue.take());
        Object next;
        while ((next = queue.poll(QUIET.toNanos(), TimeUnit.NANOSECONDS)) != null) {
          handle(next);
        }
        flush();
      }
    } catch (InterruptedException e) {
      // closing
    } finally {
      if (watch != null) {
        watch.close();
      }
      state.endAll("the controller is shutting down");
    }
  }

  private void handle(Object item) {
    try {
      switch (item) {
        case Runnable task -> task.run();
        case Item(long g, WatchEvent event) when g == generation -> onEvent(event);
        default -> {} // an event of a watch already replaced
      }
    } catch (RuntimeException e) {
      // A bug in one update must not stop the tables of every gateway from flowing.
      LOG.log(Level.ERROR, "table feed failed to handle " + item, e);
    }
  }

  private void onEvent(WatchEvent event) {
    switch (event) {
      case WatchEvent.Put put -> {
        beforeChange(put.revision());
        apply(put.kv().key(), put.kv(), put.revision());
      }
      case WatchEvent.Delete delete -> {
        beforeChange(delete.revision());
        apply(delete.key(), null, delete.revision());
      }
      case WatchEvent.Compacted c -> {
        LOG.log(
            Level.INFO, "table watch compacted at {0}; re-reading the store", c.compactRevision());
        resync();
      }
      case WatchEvent.Broken b -> {
        LOG.log(Level.WARNING, "table watch broke; re-reading the store", b.cause());
        resync();
      }
    }
  }

  private void beforeChange(long revision) {
    if (state.completes(revision)) {
      flush();
    }
  }

  private void apply(String key, KeyValue kv, long revision) {
    try {
      if (key.startsWith(StoreKeys.DEVICES)) {
        String id = key.substring(StoreKeys.DEVICES.length());
        state.device(revision, id, kv == null ? null : device(kv));
      } else if (key.startsWith(StoreKeys.GATEWAYS)) {
        String name = key.substring(StoreKeys.GATEWAYS.length());
        state.gateway(revision, name, kv == null ? null : GatewayRecord.decode(kv.value()));
      } else if (PolicyKeys.versionOf(key) > 0 && kv != null) {
        StoredPolicy p = StoredPolicy.decode(kv.value());
        state.policy(revision, p.version(), parse(p));
      } else {
        state.advance(revision);
      }
    } catch (RuntimeException e) {
      // A record this controller cannot read must not stop every other table from flowing.
      LOG.log(Level.ERROR, "cannot apply the change to " + key + " at revision " + revision, e);
      state.advance(revision);
    }
  }

  private void flush() {
    state.flush();
    if (state.ready() && state.revision() > published) {
      synchronized (progress) {
        published = state.revision();
        progress.notifyAll();
      }
    }
  }

  /**
   * Reads registry and policy, rebuilds, and watches every key from just after the oldest read. The
   * reads happen at (slightly) different revisions; the watch replays the changes in between, which
   * are idempotent, and nothing is published until it has passed the newest read.
   */
  private void resync() {
    if (watch != null) {
      watch.close();
    }
    generation++;
    while (!closed) {
      try {
        Range head = store.range(PolicyKeys.HEAD);
        Range devices = store.range(StoreKeys.DEVICES);
        Range gateways = store.range(StoreKeys.GATEWAYS);
        long readFrom =
            Math.min(head.revision(), Math.min(devices.revision(), gateways.revision()));
        long readyAt = Math.max(head.revision(), Math.max(devices.revision(), gateways.revision()));
        StoredPolicy policy = currentPolicy(head);
        state.reset(
            policy == null ? null : parse(policy),
            policy == null ? 0 : policy.version(),
            devices(devices),
            gateways(gateways),
            readFrom,
            readyAt);
        long g = generation;
        watch = store.watch("", readFrom + 1, event -> queue.add(new Item(g, event)));
        flush();
        return;
      } catch (StoreException e) {
        LOG.log(Level.WARNING, "cannot read the store for tables; retrying", e);
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  private StoredPolicy currentPolicy(Range head) {
    if (head.kvs().isEmpty()) {
      return null;
    }
    long version = Long.parseLong(head.kvs().getFirst().valueUtf8());
    return store
        .get(PolicyKeys.version(version))
        .map(kv -> StoredPolicy.decode(kv.value()))
        .orElseThrow(() -> new StoreException("policy head names missing version " + version));
  }

  private static Map<String, DeviceRecord> devices(Range range) {
    Map<String, DeviceRecord> out = new HashMap<>();
    for (KeyValue kv : range.kvs()) {
      try {
        DeviceRecord d = device(kv);
        out.put(d.id(), d);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "cannot read device record " + kv.key() + "; left out", e);
      }
    }
    return out;
  }

  private static Map<String, GatewayRecord> gateways(Range range) {
    Map<String, GatewayRecord> out = new HashMap<>();
    for (KeyValue kv : range.kvs()) {
      try {
        GatewayRecord g = GatewayRecord.decode(kv.value());
        out.put(g.name(), g);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "cannot read gateway record " + kv.key() + "; left out", e);
      }
    }
    return out;
  }

  private static DeviceRecord device(KeyValue kv) {
    return PolicyDevices.decode(kv.value());
  }

  private static PolicyDocument parse(StoredPolicy policy) {
    return Policies.parse(policy);
  }

  private <T> T call(Supplier<T> question) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    queue.add((Runnable) () -> answer.complete(question.get()));
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while reading the tables", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreException("the table feed did not answer", e);
    }
  }
}
