package dev.cordon.gateway.sync;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.support.Recorder;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AcknowledgeResponse;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.WatchTableRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerSyncTest {
  final BlockingQueue<Long> acks = new LinkedBlockingQueue<>();
  final List<Long> watchedFrom = new CopyOnWriteArrayList<>();
  final Recorder device = new Recorder();
  final GatewayTableState state = new GatewayTableState("edge");
  final FailStatic failStatic = new FailStatic(Duration.ofMinutes(5), System.currentTimeMillis());
  final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
  Server server;
  ManagedChannel channel;
  ControllerSync sync;

  /** A controller whose n-th watch (from 0) runs {@code script}. */
  void serve(Function<Integer, List<GatewayTableUpdate>> script, boolean dropFirst)
      throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new GatewayServiceGrpc.GatewayServiceImplBase() {
                  @Override
                  public void watchTable(
                      WatchTableRequest req, StreamObserver<GatewayTableUpdate> out) {
                    int n = watchedFrom.size();
                    watchedFrom.add(req.getAppliedVersion());
                    script.apply(n).forEach(out::onNext);
                    if (n == 0 && dropFirst) out.onError(Status.UNAVAILABLE.asException());
                  }

                  @Override
                  public void acknowledge(
                      AcknowledgeRequest req, StreamObserver<AcknowledgeResponse> out) {
                    acks.add(req.getVersion());
                    out.onNext(
                        AcknowledgeResponse.newBuilder()
                            .setTargetVersion(req.getVersion())
                            .build());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    Enforcer enforcer =
        new Enforcer(PolicySnapshot.empty(), 100, new DropCounters(), failStatic, device);
    TableApplier applier =
        new TableApplier(
            state,
            device,
            enforcer,
            new LatencyHistogram(),
            System::currentTimeMillis,
            System::nanoTime);
    sync =
        new ControllerSync(
            channel,
            applier,
            failStatic,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(1)),
            worker,
            System::currentTimeMillis);
    sync.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (sync != null) sync.close();
    worker.shutdownNow();
    if (channel != null) channel.shutdownNow();
    if (server != null) server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  long nextAck() throws InterruptedException {
    Long v = acks.poll(5, TimeUnit.SECONDS);
    assertNotNull(v, "no acknowledgement within 5 s");
    return v;
  }

  @Test
  void everyAppliedVersionIsAcknowledgedAndABrokenWatchResumesFromTheLastOne() throws Exception {
    serve(
        n ->
            n == 0
                ? List.of(
                    snapshot(1, List.of(active(1, "cam-1", "100.64.0.1", "cameras")), List.of()),
                    update(delta(1, 2).addAddedPeers(active(2, "cam-2", "100.64.0.2", "cameras"))))
                : List.of(
                    update(delta(2, 3).addAddedRules(allowTcp("r", "cameras", "10.0.0.0/8", 22)))),
        true);
    assertEquals(1, nextAck());
    assertEquals(2, nextAck());
    assertEquals(3, nextAck());
    assertEquals(List.of(0L, 2L), watchedFrom);
    assertEquals(3, state.version());
    assertTrue(failStatic.isConnected());
  }

  @Test
  void aDeltaFromTheWrongVersionIsNotAcknowledgedAndTheWatchRestartsFromTheHeldVersion()
      throws Exception {
    serve(
        n ->
            n == 0
                ? List.of(
                    snapshot(1, List.of(active(1, "cam-1", "100.64.0.1", "cameras")), List.of()),
                    update(delta(5, 6).addRemovedRuleIds("x")))
                : List.of(update(delta(1, 2).addRemovedRuleIds("x"))),
        false);
    assertEquals(1, nextAck());
    assertEquals(2, nextAck());
    assertEquals(List.of(0L, 1L), watchedFrom);
    assertNull(acks.poll(100, TimeUnit.MILLISECONDS), "version 6 was never acknowledged");
  }

  @Test
  void rewatchingMovesTheWatchToANewCallThatStartsWithASnapshotWithoutCountingADisconnection()
      throws Exception {
    serve(
        n ->
            n == 0
                ? List.of(
                    snapshot(1, List.of(active(1, "cam-1", "100.64.0.1", "cameras")), List.of()))
                : List.of(
                    snapshot(1, List.of(active(1, "cam-1", "100.64.0.1", "cameras")), List.of()),
                    update(delta(1, 2).addRemovedRuleIds("x"))),
        false);
    assertEquals(1, nextAck());
    sync.rewatch();
    assertEquals(1, nextAck(), "the same table again, as a snapshot");
    assertEquals(2, nextAck());
    assertEquals(List.of(0L, 0L), watchedFrom, "the new call asks for a snapshot");
    assertTrue(failStatic.isConnected(), "a planned move is not a disconnection");
    assertNull(acks.poll(200, TimeUnit.MILLISECONDS), "the cancelled call started no third watch");
    assertEquals(2, watchedFrom.size());
  }
}
