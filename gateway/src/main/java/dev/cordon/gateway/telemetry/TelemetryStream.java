package dev.cordon.gateway.telemetry;

import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.TelemetryBatch;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ReportTelemetry client stream, opened on first use and reopened (at most every {@code
 * reopenMillis}) after it breaks. Records are at most once: a batch on a breaking stream is lost.
 * Used from the telemetry thread only.
 */
public final class TelemetryStream implements TelemetryReporter.Sink, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TelemetryStream.class.getName());

  private final GatewayServiceGrpc.GatewayServiceStub stub;
  private final LongSupplier millis;
  private final long reopenMillis;
  private ClientCallStreamObserver<TelemetryBatch> call;
  private long openedAt = Long.MIN_VALUE / 2;
  private volatile boolean broken;

  public TelemetryStream(Channel channel, LongSupplier millis, long reopenMillis) {
    this.stub = GatewayServiceGrpc.newStub(channel);
    this.millis = millis;
    this.reopenMillis = reopenMillis;
  }

  @Override
  public boolean ready() {
    if (call == null || broken) {
      long now = millis.getAsLong();
      if (now - openedAt < reopenMillis) return false;
      openedAt = now;
      open();
    }
    return call.isReady();
  }

  private void open() {
    broken = false;
    call =
        (ClientCallStreamObserver<TelemetryBatch>)
            stub.reportTelemetry(
                new StreamObserver<ReportTelemetryResponse>() {
                  public void onNext(ReportTelemetryResponse r) {}

                  public void onError(Throwable t) {
                    broken = true;
                    LOG.log(Level.FINE, "telemetry stream broke: {0}", t.getMessage());
                  }

                  public void onCompleted() {
                    broken = true;
                  }
                });
  }

  /**
   * Ends the current stream so that the next batch opens a new one (on a new connection, after a
   * certificate renewal). Records in flight on the old stream may be lost, as on any break.
   */
  public void reopen() {
    var c = call;
    if (c != null && !broken) c.onCompleted();
    broken = true;
    openedAt = Long.MIN_VALUE / 2;
  }

  @Override
  public void send(TelemetryBatch batch) {
    call.onNext(batch);
  }

  @Override
  public void close() {
    if (call != null && !broken) call.onCompleted();
  }
}
