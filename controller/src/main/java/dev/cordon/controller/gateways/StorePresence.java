package dev.cordon.controller.gateways;

import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.StoreException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Presence kept in the store, so every controller on one store (one etcd) sees every other's
 * watches. Each open watch is a key {@code /presence/gateways/<gateway>/<controller>/<n>} bound to
 * this controller's lease: a controller that dies without cleaning up loses its keys when the lease
 * runs out, so a gateway shows as connected for at most {@link #TTL} after its controller vanished.
 */
public final class StorePresence implements Presence, AutoCloseable {
  public static final String PREFIX = "/presence/gateways/";

  /** How long a vanished controller's watches still count. */
  public static final Duration TTL = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(StorePresence.class.getName());

  private final Store store;
  private final String controller;
  private final Map<String, String> held = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();
  private final ScheduledExecutorService timer;
  private long lease;

  private StorePresence(Store store, String controller) {
    this.store = store;
    this.controller = controller;
    this.lease = store.grantLease(TTL).id();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("cordon-presence").daemon().unstarted(r));
  }

  /** Grants this controller's lease and keeps it alive until {@link #close}. */
  public static StorePresence start(Store store, String controller) {
    StorePresence p = new StorePresence(store, controller);
    long every = TTL.toMillis() / 3;
    p.timer.scheduleWithFixedDelay(p::renew, every, every, TimeUnit.MILLISECONDS);
    return p;
  }

  @Override
  public Held opened(String gateway) {
    String key = PREFIX + gateway + "/" + controller + "/" + next.incrementAndGet();
    held.put(key, gateway);
    put(key);
    return () -> ended(key);
  }

  @Override
  public boolean connected(String gateway) {
    return !store.range(PREFIX + gateway + "/").kvs().isEmpty();
  }

  /** Ends the lease: this controller's watches stop counting at once. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      store.revoke(currentLease());
    } catch (StoreException e) {
      LOG.log(Level.DEBUG, "presence lease not revoked; it expires on its own", e);
    }
  }

  private synchronized long currentLease() {
    return lease;
  }

  private synchronized void put(String key) {
    try {
      store.txn().then(Op.put(key, controller.getBytes(StandardCharsets.UTF_8), lease)).commit();
    } catch (RuntimeException e) {
      // The next renewal writes every held key again.
      LOG.log(Level.WARNING, "presence of a gateway watch not recorded yet", e);
    }
  }

  // Synchronized with renew(), which would otherwise write back a key just deleted.
  private synchronized void ended(String key) {
    if (held.remove(key) == null) {
      return;
    }
    try {
      store.delete(key);
    } catch (StoreException e) {
      LOG.log(Level.DEBUG, "presence key left to expire with the lease", e);
    }
  }

  /** Keeps the lease alive; if it was lost (store outage longer than the TTL), starts anew. */
  private synchronized void renew() {
    try {
      if (store.keepAlive(lease)) {
        return;
      }
      lease = store.grantLease(TTL).id();
      held.keySet().forEach(this::put);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "presence lease not renewed; retrying", e);
    }
  }
}
