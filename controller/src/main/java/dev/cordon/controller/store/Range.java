package dev.cordon.controller.store;

import java.util.List;

/**
 * The keys under a prefix, ordered by key (UTF-8 byte order), as they were at {@code revision}.
 * Watching from {@code revision + 1} continues exactly where this read ended.
 */
public record Range(List<KeyValue> kvs, long revision) {
  public Range {
    kvs = List.copyOf(kvs);
  }
}
