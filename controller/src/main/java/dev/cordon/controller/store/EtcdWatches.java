package dev.cordon.controller.store;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches on etcd. jetcd resumes a watch by itself after a dropped connection (from the last
 * revision it saw); what it cannot resume is a start revision that has been compacted away, which
 * it reports as a {@link CompactedException}: that becomes {@link WatchEvent.Compacted}. Events go
 * through a {@link QueuedWatch} so a slow listener never blocks jetcd's event loop.
 */
final class EtcdWatches {
  private final io.etcd.jetcd.Watch client;
  private final Set<QueuedWatch> live = ConcurrentHashMap.newKeySet();

  EtcdWatches(io.etcd.jetcd.Watch client) {
    this.client = client;
  }

  Watch start(String prefix, long fromRevision, WatchListener listener) {
    EtcdBytes.Span span = EtcdBytes.prefix(prefix);
    AtomicReference<io.etcd.jetcd.Watch.Watcher> etcdWatch = new AtomicReference<>();
    QueuedWatch watch =
        new QueuedWatch(
            prefix,
            listener,
            ended -> {
              live.remove(ended);
              io.etcd.jetcd.Watch.Watcher w = etcdWatch.get();
              if (w != null) {
                w.close();
              }
            });
    live.add(watch);
    watch.start();
    WatchOption option =
        WatchOption.builder().withRevision(fromRevision).withRange(span.end()).build();
    etcdWatch.set(
        client.watch(
            span.start(),
            option,
            io.etcd.jetcd.Watch.listener(
                response -> watch.offer(events(response)), error -> watch.end(terminal(error)))));
    return watch;
  }

  void endAll() {
    for (QueuedWatch watch : live) {
      watch.end(new WatchEvent.Broken(new StoreException("the store was closed")));
    }
  }

  private static List<WatchEvent> events(WatchResponse response) {
    List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
    for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
      KeyValue kv = EtcdBytes.keyValue(event.getKeyValue());
      switch (event.getEventType()) {
        case PUT -> events.add(new WatchEvent.Put(kv));
        case DELETE -> events.add(new WatchEvent.Delete(kv.key(), kv.modRevision()));
        case UNRECOGNIZED ->
            // A newer server's event kind: ending the watch beats skipping a change silently.
            events.add(
                new WatchEvent.Broken(
                    new StoreException("etcd sent an unknown event kind for " + kv.key())));
      }
    }
    return events;
  }

  private static WatchEvent terminal(Throwable error) {
    return error instanceof CompactedException compacted
        ? new WatchEvent.Compacted(compacted.getCompactedRevision())
        : new WatchEvent.Broken(error);
  }
}
