package dev.cordon.controller.store;

import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;

/**
 * Keys and ranges in etcd's terms. A prefix becomes an explicit [start, end) range rather than
 * jetcd's prefix flag. The empty prefix means "/": a range over the whole namespace would also
 * cover a sibling namespace that merely starts with the same text.
 */
final class EtcdBytes {
  /** etcd's "to the end of the keyspace" (namespaced by jetcd to the end of the namespace). */
  private static final ByteSequence OPEN_END = ByteSequence.from(new byte[] {0});

  /** Every key starts with a slash, so "every key" is the range of "/", inside the namespace. */
  private static final String EVERY_KEY = "/";

  private EtcdBytes() {}

  record Span(ByteSequence start, ByteSequence end) {}

  static ByteSequence key(String key) {
    return ByteSequence.from(Keys.key(key));
  }

  static ByteSequence bytes(byte[] value) {
    return ByteSequence.from(value);
  }

  static Span prefix(String prefix) {
    byte[] start = Keys.prefix(prefix.isEmpty() ? EVERY_KEY : prefix);
    byte[] end = Keys.prefixEnd(start);
    return new Span(ByteSequence.from(start), end == null ? OPEN_END : ByteSequence.from(end));
  }

  static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        text(kv.getKey()),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion(),
        kv.getLease());
  }
}
