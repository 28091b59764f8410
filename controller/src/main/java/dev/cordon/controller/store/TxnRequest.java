package dev.cordon.controller.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compare-and-set transaction: if every compare holds, apply {@code then}, otherwise apply {@code
 * otherwise}; atomically, at one new revision. Within one branch a key may be put at most once and
 * may not be both put and deleted (etcd refuses such requests, so both stores do).
 */
public record TxnRequest(List<Compare> compares, List<Op> then, List<Op> otherwise) {

  public TxnRequest {
    compares = List.copyOf(compares);
    then = List.copyOf(then);
    otherwise = List.copyOf(otherwise);
    compares.forEach(c -> Keys.key(c.key()));
    checkBranch(then, "then");
    checkBranch(otherwise, "else");
  }

  /** The same request with {@code guard} added to its compares. */
  public TxnRequest guardedBy(Compare guard) {
    List<Compare> all = new java.util.ArrayList<>(compares);
    all.add(guard);
    return new TxnRequest(all, then, otherwise);
  }

  private static void checkBranch(List<Op> ops, String branch) {
    Set<String> puts = new HashSet<>();
    for (Op op : ops) {
      if (op instanceof Op.Put put) {
        Keys.key(put.key());
        if (!puts.add(put.key())) {
          throw new IllegalArgumentException(
              "the " + branch + " branch puts key " + put.key() + " twice; merge the two puts");
        }
      }
    }
    for (Op op : ops) {
      switch (op) {
        case Op.Put put -> {}
        case Op.Delete delete -> {
          Keys.key(delete.key());
          refuseOverlap(puts.contains(delete.key()), branch, delete.key());
        }
        case Op.DeletePrefix deletePrefix -> {
          Keys.prefix(deletePrefix.prefix());
          for (String put : puts) {
            refuseOverlap(Keys.hasPrefix(put, deletePrefix.prefix()), branch, put);
          }
        }
      }
    }
  }

  private static void refuseOverlap(boolean overlaps, String branch, String key) {
    if (overlaps) {
      throw new IllegalArgumentException(
          "the " + branch + " branch both puts and deletes key " + key + "; keep only one");
    }
  }
}
