package dev.cordon.controller.store;

/**
 * What a watch delivers. {@link Put} and {@link Delete} arrive in revision order (several may share
 * one revision when one transaction changed several keys). {@link Compacted} and {@link Broken} end
 * the watch: the caller re-reads with {@link Store#range} and watches again from the read's
 * revision plus one, so nothing is ever skipped silently.
 */
public sealed interface WatchEvent {

  /** A key was created or changed at {@code kv.modRevision()}. */
  record Put(KeyValue kv) implements WatchEvent {
    public long revision() {
      return kv.modRevision();
    }
  }

  /** A key was deleted (by a delete, a delete-prefix, or its lease ending) at {@code revision}. */
  record Delete(String key, long revision) implements WatchEvent {}

  /**
   * The requested start revision is older than the compaction point: the history needed to resume
   * is gone. Re-read, then re-watch. Terminal.
   */
  record Compacted(long compactRevision) implements WatchEvent {}

  /** The watch failed for another reason (store closed, connection lost for good). Terminal. */
  record Broken(Throwable cause) implements WatchEvent {}
}
