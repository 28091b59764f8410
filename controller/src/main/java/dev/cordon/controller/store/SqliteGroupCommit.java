package dev.cordon.controller.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The embedded store's group commit. With synchronous=FULL every SQLite commit is an fsync (0.1 to
 * 3 ms on the benchmark machine's disk), and one writer at a time would cap the store at a few
 * hundred transactions a second however many callers wait. So a transaction is queued first; the
 * next thread to hold the store's lock takes every queued transaction, applies each in order, each
 * in its own savepoint and at its own revision, and commits them together: one fsync for the batch.
 *
 * <p>Durability is unchanged: no caller's commit returns before the fsync that covers it, and a
 * failed commit fails every transaction of the batch (none is published). The order is the order
 * the lock holder applied them in, so each transaction's compares see exactly the transactions
 * before it, as if they had committed one by one. Fields of {@link Pending} are written and read
 * with the store's lock held, which makes them visible across threads.
 */
final class SqliteGroupCommit {
  /** Bounds one batch so the lock is never held for an unbounded run of transactions. */
  static final int MAX_BATCH = 64;

  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

  /** One caller's transaction, waiting for a lock holder to apply and commit it. */
  static final class Pending {
    final TxnRequest request;
    private TxnResult result;
    private List<WatchEvent> events = List.of();
    private RuntimeException failure;
    private boolean done;

    Pending(TxnRequest request) {
      this.request = request;
    }

    /** Applied inside the batch; becomes the outcome once the batch commits. */
    void applied(TxnResult result, List<WatchEvent> events) {
      this.result = result;
      this.events = events;
    }

    boolean hasFailed() {
      return failure != null;
    }

    void fail(RuntimeException e) {
      failure = e;
    }

    List<WatchEvent> events() {
      return failure == null ? events : List.of();
    }

    /** Ends the wait; a transaction the batch never reached fails rather than returning null. */
    void finish() {
      if (result == null && failure == null) {
        failure = new StoreException("transaction abandoned: its group commit failed");
      }
      done = true;
    }

    /** Lock held. */
    boolean done() {
      return done;
    }

    /** After {@link #finish}: the result, or the failure thrown in the caller's thread. */
    TxnResult outcome() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }

  Pending enqueue(TxnRequest request) {
    Pending pending = new Pending(request);
    queue.add(pending);
    return pending;
  }

  /** Lock held: up to {@link #MAX_BATCH} queued transactions, oldest first. */
  List<Pending> take() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }
}
