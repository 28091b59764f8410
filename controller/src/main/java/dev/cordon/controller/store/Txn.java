package dev.cordon.controller.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a transaction and commits it on the store it came from:
 *
 * <pre>{@code
 * store.txn()
 *     .when(Compare.modRevision("/tokens/t1", seen.modRevision()))
 *     .then(Op.put("/tokens/t1", used), Op.put("/devices/d1", device))
 *     .commit();
 * }</pre>
 */
public final class Txn {
  private final Store store;
  private final List<Compare> compares = new ArrayList<>();
  private final List<Op> then = new ArrayList<>();
  private final List<Op> otherwise = new ArrayList<>();

  Txn(Store store) {
    this.store = store;
  }

  public Txn when(Compare... guards) {
    compares.addAll(List.of(guards));
    return this;
  }

  public Txn then(Op... ops) {
    then.addAll(List.of(ops));
    return this;
  }

  public Txn otherwise(Op... ops) {
    otherwise.addAll(List.of(ops));
    return this;
  }

  public TxnRequest request() {
    return new TxnRequest(compares, then, otherwise);
  }

  /** Commits with {@link Store#commit}; see there for when a retry is safe. */
  public TxnResult commit() {
    return store.commit(request());
  }
}
