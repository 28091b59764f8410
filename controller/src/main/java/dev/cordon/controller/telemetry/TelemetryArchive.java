package dev.cordon.controller.telemetry;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import dev.cordon.proto.v1.SecurityEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store side of telemetry, written in chunks: log entries as one key per {@code chunkEntries}
 * entries ({@code /telemetry/events/<controller>/<last position>}), changed device counters as one
 * transaction per hundred devices ({@code /telemetry/counters/<controller>/<device>}). Each
 * controller writes under its own name, so controllers sharing an etcd never overwrite each other.
 * A chunk is deleted once the log has evicted all of it, so the store holds what memory holds.
 */
final class TelemetryArchive {

  static final String EVENTS = "/telemetry/events/";
  static final String COUNTERS = "/telemetry/counters/";

  /** etcd refuses transactions of more than 128 operations by default. */
  private static final int OPS_PER_TXN = 100;

  private final Store store;
  private final String events;
  private final String counters;
  private final int chunkEntries;

  /** Stored chunks by their last position. */
  private final TreeMap<Long, String> chunks = new TreeMap<>();

  private long stored;

  TelemetryArchive(Store store, String controller, int chunkEntries) {
    this.store = store;
    this.events = EVENTS + controller + "/";
    this.counters = COUNTERS + controller + "/";
    this.chunkEntries = chunkEntries;
  }

  /** Reads back what an earlier run stored. */
  void restore(EventLog log, DeviceCounters devices) {
    List<EventLog.Entry> entries = new ArrayList<>();
    for (KeyValue kv : store.range(events).kvs()) {
      List<EventLog.Entry> chunk = decode(kv.value());
      if (!chunk.isEmpty()) {
        chunks.put(chunk.getLast().position(), kv.key());
        stored = Math.max(stored, chunk.getLast().position());
        entries.addAll(chunk);
      }
    }
    log.restore(entries);
    for (KeyValue kv : store.range(counters).kvs()) {
      devices.restore(kv.key().substring(counters.length()), DeviceCounts.decode(kv.valueUtf8()));
    }
  }

  /** Writes the log's new entries and the changed counters; drops chunks the log no longer has. */
  void flush(EventLog log, DeviceCounters devices) {
    List<EventLog.Entry> fresh = log.since(stored);
    for (int from = 0; from < fresh.size(); from += chunkEntries) {
      List<EventLog.Entry> chunk = fresh.subList(from, Math.min(fresh.size(), from + chunkEntries));
      long last = chunk.getLast().position();
      String key = events + "%019d".formatted(last);
      store.put(key, encode(chunk));
      chunks.put(last, key);
      stored = last;
    }
    long oldestKept = log.oldestPosition();
    List<Op> deletes = new ArrayList<>();
    while (!chunks.isEmpty() && chunks.firstKey() < oldestKept) {
      deletes.add(Op.delete(chunks.pollFirstEntry().getValue()));
    }
    commitInBatches(deletes);
    Map<String, DeviceCounts> changed = devices.takeChanged();
    try {
      List<Op> puts = new ArrayList<>();
      changed.forEach((device, counts) -> puts.add(Op.put(counters + device, counts.encode())));
      commitInBatches(puts);
    } catch (RuntimeException e) {
      devices.untake(changed);
      throw e;
    }
  }

  private void commitInBatches(List<Op> ops) {
    for (int from = 0; from < ops.size(); from += OPS_PER_TXN) {
      List<Op> batch = ops.subList(from, Math.min(ops.size(), from + OPS_PER_TXN));
      store.commit(store.txn().then(batch.toArray(Op[]::new)).request());
    }
  }

  /** Position, arrival (epoch millis), then the event, each entry length-delimited. */
  static byte[] encode(List<EventLog.Entry> entries) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      for (EventLog.Entry entry : entries) {
        out.writeUInt64NoTag(entry.position());
        out.writeInt64NoTag(entry.arrived().toEpochMilli());
        out.writeUInt32NoTag(entry.event().getSerializedSize());
        entry.event().writeTo(out);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode telemetry in memory", e);
    }
  }

  static List<EventLog.Entry> decode(byte[] value) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(value);
      List<EventLog.Entry> out = new ArrayList<>();
      while (!in.isAtEnd()) {
        long position = in.readUInt64();
        Instant arrived = Instant.ofEpochMilli(in.readInt64());
        int length = in.readRawVarint32();
        SecurityEvent event = SecurityEvent.parseFrom(in.readRawBytes(length));
        out.add(new EventLog.Entry(position, arrived, event, length));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored telemetry chunk is malformed", e);
    }
  }
}
