package dev.cordon.gateway.telemetry;

import dev.cordon.proto.v1.FlowRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Flow records waiting to be sent, at most {@code capacity}. When full the oldest record goes and
 * is counted: a controller that stops listening costs the gateway bounded memory, never packets.
 */
public final class FlowQueue {
  private final int capacity;
  private final ArrayDeque<FlowRecord> records = new ArrayDeque<>();
  private long dropped;

  public FlowQueue(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("a flow queue holds at least one record");
    this.capacity = capacity;
  }

  public synchronized void offer(FlowRecord record) {
    if (records.size() == capacity) {
      records.pollFirst();
      dropped++;
    }
    records.addLast(record);
  }

  /** Takes up to {@code max} records, oldest first. */
  public synchronized List<FlowRecord> drain(int max) {
    List<FlowRecord> out = new ArrayList<>(Math.min(max, records.size()));
    while (out.size() < max && !records.isEmpty()) out.add(records.pollFirst());
    return out;
  }

  /** Records dropped since the last call, then zero. */
  public synchronized long takeDropped() {
    long n = dropped;
    dropped = 0;
    return n;
  }

  public synchronized int size() {
    return records.size();
  }
}
