package dev.cordon.gateway.sync;

import com.google.protobuf.Timestamp;
import dev.cordon.gateway.table.ResyncNeeded;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.gateway.table.TableException;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AcknowledgeResponse;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.WatchTableRequest;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the table watch open. Every update is applied on {@code worker} (one thread: updates are
 * applied strictly in order), then acknowledged. A delta that does not fit, an unreadable update,
 * or a broken stream ends the watch; a new one starts after a backoff, from the last applied
 * version. Nothing here widens access: the held table only changes by applying what the controller
 * sent.
 */
public final class ControllerSync implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ControllerSync.class.getName());

  private final GatewayServiceGrpc.GatewayServiceStub stub;
  private final TableApplier applier;
  private final FailStatic failStatic;
  private final Backoff backoff;
  private final ScheduledExecutorService worker;
  private final LongSupplier wallMillis;
  private volatile boolean closed;
  private volatile ClientCallStreamObserver<WatchTableRequest> call;
  private volatile Watch current;

  public ControllerSync(
      Channel channel,
      TableApplier applier,
      FailStatic failStatic,
      Backoff backoff,
      ScheduledExecutorService worker,
      LongSupplier wallMillis) {
    this.stub = GatewayServiceGrpc.newStub(channel);
    this.applier = applier;
    this.failStatic = failStatic;
    this.backoff = backoff;
    this.worker = worker;
    this.wallMillis = wallMillis;
  }

  public void start() {
    worker.execute((Runnable) this::watch);
  }

  private void watch() {
    watch(applier.state().version());
  }

  private void watch(long from) {
    if (closed) return;
    Watch w = new Watch();
    current = w;
    stub.watchTable(WatchTableRequest.newBuilder().setAppliedVersion(from).build(), w);
  }

  /**
   * Moves the watch to a new call at once (after the channel was told to reconnect with a renewed
   * certificate). Not a disconnection: fail-static and the backoff are untouched, and updates the
   * old call already delivered are applied first (they are queued on the worker ahead of this); any
   * it delivers later are ignored. The new call asks for a snapshot (version 0) although the held
   * table is current: the controller's stream only removes peers it sent itself (it names them by
   * key from its own memory), so a stream resumed without a snapshot would let a later revocation
   * through without removing the peer. Applying a snapshot equal to the held table changes nothing.
   */
  public void rewatch() {
    worker.execute(
        () -> {
          Watch old = current;
          if (closed || old == null || old.ended) return;
          old.ended = true;
          old.refused = true;
          call.cancel("moving to a renewed certificate", null);
          watch(0);
        });
  }

  private final class Watch
      implements ClientResponseObserver<WatchTableRequest, GatewayTableUpdate> {
    // ended: the watch is over (reconnect scheduled once); refused: an update did not fit, so
    // the rest of this watch's updates are ignored. Updates received before a broken stream
    // still apply, in order.
    private volatile boolean ended;
    private volatile boolean refused;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchTableRequest> requestStream) {
      call = requestStream;
    }

    @Override
    public void onNext(GatewayTableUpdate update) {
      long receivedNanos = System.nanoTime(), receivedAt = wallMillis.getAsLong();
      failStatic.connected();
      backoff.reset();
      worker.execute(() -> apply(update, receivedNanos, receivedAt));
    }

    private void apply(GatewayTableUpdate update, long receivedNanos, long receivedAt) {
      if (refused) return;
      try {
        applier.apply(update, receivedNanos, receivedAt, ControllerSync.this::acknowledge);
      } catch (ResyncNeeded | TableException e) {
        LOG.log(Level.WARNING, "table update refused, resyncing: {0}", e.getMessage());
        refused = true;
        if (ended) return;
        ended = true;
        call.cancel("resync from version " + applier.state().version(), null);
        reconnect();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "applying a table update failed, resyncing", e);
        refused = true;
        if (ended) return;
        ended = true;
        call.cancel("apply failed", e);
        reconnect();
      }
    }

    @Override
    public void onError(Throwable t) {
      end("watch broke: " + t.getMessage());
    }

    @Override
    public void onCompleted() {
      end("watch closed by the controller");
    }

    private void end(String why) {
      if (ended) return;
      ended = true;
      LOG.info(why);
      reconnect();
    }
  }

  private void reconnect() {
    failStatic.disconnected(wallMillis.getAsLong());
    if (closed) return;
    worker.schedule((Runnable) this::watch, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
  }

  private void acknowledge(long version, long receivedAtMillis, long appliedAtMillis) {
    AcknowledgeRequest req =
        AcknowledgeRequest.newBuilder()
            .setVersion(version)
            .setReceivedAt(timestamp(receivedAtMillis))
            .setAppliedAt(timestamp(appliedAtMillis))
            .build();
    // Safe to lose: the next acknowledgement (or a resync) carries a newer version.
    stub.acknowledge(
        req,
        new StreamObserver<>() {
          public void onNext(AcknowledgeResponse r) {}

          public void onError(Throwable t) {
            LOG.log(Level.FINE, "acknowledgement of {0} lost", version);
          }

          public void onCompleted() {}
        });
  }

  static Timestamp timestamp(long millis) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(millis, 1000))
        .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000)
        .build();
  }

  @Override
  public void close() {
    closed = true;
    var c = call;
    if (c != null) c.cancel("gateway stopping", null);
  }
}
