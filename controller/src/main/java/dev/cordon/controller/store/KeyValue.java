package dev.cordon.controller.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key's current value with its revisions, as etcd defines them: {@code createRevision} is the
 * revision that created this incarnation of the key (it changes only if the key is deleted and
 * created again), {@code modRevision} the revision of its last change, {@code version} the number
 * of changes since creation (1 after creation), and {@code lease} the lease it is attached to (0
 * for none).
 */
public record KeyValue(
    String key, byte[] value, long createRevision, long modRevision, long version, long lease) {

  public KeyValue {
    Objects.requireNonNull(key, "key");
    value = value.clone();
  }

  /** A copy of the value: records must not leak their mutable state. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value decoded as UTF-8, for values that are text. */
  public String valueUtf8() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyValue kv
        && key.equals(kv.key)
        && Arrays.equals(value, kv.value)
        && createRevision == kv.createRevision
        && modRevision == kv.modRevision
        && version == kv.version
        && lease == kv.lease;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), createRevision, modRevision, version, lease);
  }

  /** Prints the value's length, never its bytes: values may hold secrets. */
  @Override
  public String toString() {
    return "KeyValue[key=%s, %d bytes, create=%d, mod=%d, version=%d, lease=%x]"
        .formatted(key, value.length, createRevision, modRevision, version, lease);
  }
}
