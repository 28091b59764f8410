package dev.cordon.controller.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One guard of a transaction, evaluated against the key's state before the transaction. A missing
 * key has create and mod revision 0, so {@code modRevision(k, 0)} means "k is absent"; a value
 * compare on a missing key never holds (as in etcd).
 */
public sealed interface Compare {
  String key();

  /** Holds when the key's last change happened at exactly {@code revision} (0: key absent). */
  record ModRevision(String key, long revision) implements Compare {}

  /**
   * Holds when the key's current incarnation was created at exactly {@code revision}. This is the
   * fencing compare: a leader key re-created by a new leader has a new create revision.
   */
  record CreateRevision(String key, long revision) implements Compare {}

  /** Holds when the key exists and its value equals {@code value} byte for byte. */
  record Value(String key, byte[] value) implements Compare {
    public Value {
      Objects.requireNonNull(key, "key");
      value = value.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Value v && key.equals(v.key) && Arrays.equals(value, v.value);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Value[key=" + key + ", " + value.length + " bytes]";
    }
  }

  /** Holds when the key exists (its create revision is above 0). */
  record Exists(String key) implements Compare {}

  static Compare modRevision(String key, long revision) {
    return new ModRevision(key, revision);
  }

  static Compare createRevision(String key, long revision) {
    return new CreateRevision(key, revision);
  }

  static Compare value(String key, byte[] value) {
    return new Value(key, value);
  }

  static Compare exists(String key) {
    return new Exists(key);
  }

  static Compare absent(String key) {
    return new CreateRevision(key, 0);
  }

  /** How a compare judges one key's state; {@code kv} is null for a missing key. */
  default boolean holds(KeyValue kv) {
    return switch (this) {
      case ModRevision m -> (kv == null ? 0 : kv.modRevision()) == m.revision();
      case CreateRevision c -> (kv == null ? 0 : kv.createRevision()) == c.revision();
      case Value v -> kv != null && Arrays.equals(kv.value(), v.value);
      case Exists e -> kv != null;
    };
  }
}
