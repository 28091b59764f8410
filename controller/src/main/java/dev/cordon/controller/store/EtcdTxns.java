package dev.cordon.controller.store;

import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.util.List;

/** Translates the store's transactions into etcd's compares and operations, one to one. */
final class EtcdTxns {
  private EtcdTxns() {}

  static Cmp[] compares(List<Compare> compares) {
    return compares.stream().map(EtcdTxns::compare).toArray(Cmp[]::new);
  }

  static io.etcd.jetcd.op.Op[] ops(List<Op> ops) {
    return ops.stream().map(EtcdTxns::op).toArray(io.etcd.jetcd.op.Op[]::new);
  }

  private static Cmp compare(Compare compare) {
    var key = EtcdBytes.key(compare.key());
    return switch (compare) {
      case Compare.ModRevision m -> new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(m.revision()));
      case Compare.CreateRevision c ->
          new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(c.revision()));
      case Compare.Value v ->
          new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(EtcdBytes.bytes(v.value())));
      case Compare.Exists e -> new Cmp(key, Cmp.Op.GREATER, CmpTarget.createRevision(0));
    };
  }

  private static io.etcd.jetcd.op.Op op(Op op) {
    return switch (op) {
      case Op.Put put ->
          io.etcd.jetcd.op.Op.put(
              EtcdBytes.key(put.key()),
              EtcdBytes.bytes(put.value()),
              PutOption.builder().withLeaseId(put.lease()).build());
      case Op.Delete delete ->
          io.etcd.jetcd.op.Op.delete(EtcdBytes.key(delete.key()), DeleteOption.DEFAULT);
      case Op.DeletePrefix deletePrefix -> {
        EtcdBytes.Span span = EtcdBytes.prefix(deletePrefix.prefix());
        yield io.etcd.jetcd.op.Op.delete(
            span.start(), DeleteOption.builder().withRange(span.end()).build());
      }
    };
  }
}
