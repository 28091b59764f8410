package dev.cordon.controller.tables;

import dev.cordon.controller.registry.ContentionException;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which table version each gateway has applied, in the store so that every controller sees it
 * whichever one the gateway acknowledged through. Only the newest acknowledgement is kept: a late,
 * older one (a retry overtaken by a newer ack) never moves a gateway backwards.
 */
public final class Acknowledgements {
  public static final String PREFIX = "/tables/acks/";
  private static final int ATTEMPTS = 16;

  private final Store store;
  private final Clock clock;
  private final String controller;

  public Acknowledgements(Store store, Clock clock, String controller) {
    this.store = store;
    this.clock = clock;
    this.controller = controller;
  }

  /**
   * Records that {@code gateway} enforces {@code version}, unless it already reported a newer one.
   * Safe to retry. Returns the acknowledgement now on record.
   *
   * @throws IllegalArgumentException if the version is newer than any table ever compiled (table
   *     versions are store revisions)
   */
  public Acknowledgement record(
      String gateway, long version, Instant receivedAt, Instant appliedAt) {
    if (version <= 0 || version > store.currentRevision()) {
      throw new IllegalArgumentException(
          "table version "
              + version
              + " was never sent to any gateway; acknowledge the version"
              + " of the last update applied");
    }
    String key = PREFIX + gateway;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<KeyValue> seen = store.get(key);
      Optional<Acknowledgement> old = seen.map(kv -> Acknowledgement.decode(kv.value()));
      if (old.isPresent() && old.get().version() >= version) {
        return old.get();
      }
      Acknowledgement ack =
          new Acknowledgement(
              gateway, version, orNow(receivedAt), orNow(appliedAt), clock.instant(), controller);
      boolean stored =
          store
              .txn()
              .when(Compare.modRevision(key, seen.map(KeyValue::modRevision).orElse(0L)))
              .then(Op.put(key, ack.encode()))
              .commit()
              .succeeded();
      if (stored) {
        return ack;
      }
    }
    throw new ContentionException("acknowledgement of gateway " + gateway);
  }

  public Optional<Acknowledgement> find(String gateway) {
    return store.get(PREFIX + gateway).map(kv -> Acknowledgement.decode(kv.value()));
  }

  /** Every gateway's newest acknowledgement, by gateway name. */
  public List<Acknowledgement> all() {
    List<Acknowledgement> out = new ArrayList<>();
    store.range(PREFIX).kvs().forEach(kv -> out.add(Acknowledgement.decode(kv.value())));
    return out;
  }

  private Instant orNow(Instant t) {
    return t == null ? clock.instant() : t;
  }
}
