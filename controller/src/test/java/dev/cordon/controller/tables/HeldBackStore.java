package dev.cordon.controller.tables;

import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Lease;
import dev.cordon.controller.store.Range;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.TxnRequest;
import dev.cordon.controller.store.TxnResult;
import dev.cordon.controller.store.Watch;
import dev.cordon.controller.store.WatchEvent;
import dev.cordon.controller.store.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store whose watches can be held back (events dropped, as if the watcher lagged) and then told
 * that the history they missed was compacted away: the situation a feed must recover from by
 * re-reading, without skipping what it never saw.
 */
final class HeldBackStore implements Store {
  private final Store store;
  private final List<WatchListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean holding;

  HeldBackStore(Store store) {
    this.store = store;
  }

  void holdBack() {
    holding = true;
  }

  /** Compacts the real store and ends every watch with Compacted. */
  void compactAndBreakWatches() {
    long now = store.currentRevision();
    store.compact(now);
    holding = false;
    List<WatchListener> ended = List.copyOf(listeners);
    listeners.clear();
    ended.forEach(l -> l.onEvent(new WatchEvent.Compacted(now)));
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    WatchListener gated =
        event -> {
          if (!holding) listener.onEvent(event);
        };
    listeners.add(listener);
    Watch inner = store.watch(prefix, fromRevision, gated);
    return () -> {
      listeners.remove(listener);
      inner.close();
    };
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return store.get(key);
  }

  @Override
  public Range range(String prefix) {
    return store.range(prefix);
  }

  @Override
  public TxnResult commit(TxnRequest request) {
    return store.commit(request);
  }

  @Override
  public void compact(long revision) {
    store.compact(revision);
  }

  @Override
  public Lease grantLease(Duration ttl) {
    return store.grantLease(ttl);
  }

  @Override
  public boolean keepAlive(long leaseId) {
    return store.keepAlive(leaseId);
  }

  @Override
  public void revoke(long leaseId) {
    store.revoke(leaseId);
  }

  @Override
  public long currentRevision() {
    return store.currentRevision();
  }

  @Override
  public void close() {
    store.close();
  }
}
