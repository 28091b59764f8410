package dev.cordon.controller.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** One write inside a transaction branch. */
public sealed interface Op {

  /** Sets {@code key} to {@code value}, attached to {@code lease} (0: no lease). */
  record Put(String key, byte[] value, long lease) implements Op {
    public Put {
      Objects.requireNonNull(key, "key");
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Put p
          && key.equals(p.key)
          && Arrays.equals(value, p.value)
          && lease == p.lease;
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, Arrays.hashCode(value), lease);
    }

    @Override
    public String toString() {
      return "Put[key="
          + key
          + ", "
          + value.length
          + " bytes, lease="
          + Long.toHexString(lease)
          + "]";
    }
  }

  /** Deletes {@code key} if present. */
  record Delete(String key) implements Op {}

  /** Deletes every key starting with {@code prefix} (the empty prefix: every key). */
  record DeletePrefix(String prefix) implements Op {}

  static Op put(String key, byte[] value) {
    return new Put(key, value, 0);
  }

  static Op put(String key, String value) {
    return new Put(key, value.getBytes(StandardCharsets.UTF_8), 0);
  }

  static Op put(String key, byte[] value, long lease) {
    return new Put(key, value, lease);
  }

  static Op delete(String key) {
    return new Delete(key);
  }

  static Op deletePrefix(String prefix) {
    return new DeletePrefix(prefix);
  }
}
