package dev.cordon.gateway.telemetry;

import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.TelemetryBatch;
import java.util.List;

/**
 * Every few seconds (one {@link #tick}): records ended and long flows, then sends what is queued in
 * batches of at most {@code maxBatch}, with the count of records the queue had to drop. A sink that
 * cannot take a batch leaves the records queued (the queue is bounded).
 */
public final class TelemetryReporter {
  /** Where batches go: the ReportTelemetry stream in the daemon, a list in tests. */
  public interface Sink {
    /** Whether a batch can be sent now without buffering it in memory. */
    boolean ready();

    void send(TelemetryBatch batch);
  }

  private final FlowLedger ledger;
  private final FlowQueue queue;
  private final Sink sink;
  private final int maxBatch;

  public TelemetryReporter(FlowLedger ledger, FlowQueue queue, Sink sink, int maxBatch) {
    this.ledger = ledger;
    this.queue = queue;
    this.sink = sink;
    this.maxBatch = maxBatch;
  }

  /** Returns the records sent. Call from one thread. */
  public int tick(long nowMillis) {
    ledger.sweep(nowMillis);
    int sent = 0;
    for (int rounds = queue.size() / maxBatch + 1; rounds > 0 && sink.ready(); rounds--) {
      List<FlowRecord> flows = queue.drain(maxBatch);
      long dropped = queue.takeDropped();
      if (flows.isEmpty() && dropped == 0) break;
      sink.send(TelemetryBatch.newBuilder().addAllFlows(flows).setDroppedFlows(dropped).build());
      sent += flows.size();
    }
    return sent;
  }
}
