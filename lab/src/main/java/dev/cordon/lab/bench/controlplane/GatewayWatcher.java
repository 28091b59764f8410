package dev.cordon.lab.bench.controlplane;

import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.NettyConnector;
import dev.cordon.client.identity.Pem;
import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.FlowObserver;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.PeerTable;
import dev.cordon.gateway.table.ResyncNeeded;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.gateway.table.TableException;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AcknowledgeResponse;
import dev.cordon.proto.v1.EnrollResponse;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.WatchTableRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * A gateway without a WireGuard device: mTLS with the certificate it enrolled for, a WatchTable
 * stream, and each update enforced by the gateway's own {@link TableApplier} (its table state, its
 * peer slots, its enforcer's policy and flow cuts) before the Acknowledge, as {@code cordon
 * gateway} does; only the device's peer set is left out. Records, per policy version, when the
 * update arrived and when the controller confirmed the acknowledgement.
 */
final class GatewayWatcher implements AutoCloseable {
  private static final int MAX_FLOWS = 100_000;

  private final String name;
  private final ManagedChannel channel;
  private final TableApplier applier;

  private final ConcurrentSkipListMap<Long, Long> receivedAt = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Long, Long> ackedAt = new ConcurrentSkipListMap<>();
  private volatile Throwable failure;

  private GatewayWatcher(String name, ManagedChannel channel) {
    this.name = name;
    this.channel = channel;
    this.applier =
        new TableApplier(
            new GatewayTableState(name),
            PeerTable.NONE,
            new Enforcer(
                PolicySnapshot.empty(),
                MAX_FLOWS,
                new DropCounters(),
                now -> true,
                FlowObserver.NONE),
            new LatencyHistogram(),
            System::currentTimeMillis,
            System::nanoTime);
  }

  /** Writes the enrolled credential where the client's connector reads one, and connects. */
  static GatewayWatcher connect(
      String name, String target, Candidate c, EnrollResponse enrolled, Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(AdminCredential.KEY), Pem.privateKey(c.certificateKey().getPrivate()));
    Files.writeString(
        dir.resolve(AdminCredential.CERTIFICATE),
        Pem.certificates(ders(enrolled.getCertificateChainList())));
    Files.writeString(
        dir.resolve(AdminCredential.CA_BUNDLE), Pem.certificates(ders(enrolled.getCaBundleList())));
    ManagedChannel ch = new NettyConnector().admin(target, new AdminCredential(dir));
    GatewayWatcher w = new GatewayWatcher(name, ch);
    w.watch();
    return w;
  }

  private static List<byte[]> ders(List<com.google.protobuf.ByteString> list) {
    return list.stream().map(com.google.protobuf.ByteString::toByteArray).toList();
  }

  String name() {
    return name;
  }

  private void watch() {
    GatewayServiceGrpc.newStub(channel)
        .watchTable(
            WatchTableRequest.getDefaultInstance(),
            new StreamObserver<>() {
              @Override
              public void onNext(GatewayTableUpdate u) {
                long policy =
                    u.hasSnapshot()
                        ? u.getSnapshot().getPolicyVersion()
                        : u.getDelta().getPolicyVersion();
                long now = System.nanoTime();
                receivedAt.putIfAbsent(policy, now);
                try {
                  applier.apply(
                      u,
                      now,
                      System.currentTimeMillis(),
                      (version, received, applied) -> acknowledge(policy, version));
                } catch (ResyncNeeded | TableException | RuntimeException e) {
                  failure = e;
                }
              }

              @Override
              public void onError(Throwable t) {
                failure = t;
              }

              @Override
              public void onCompleted() {}
            });
  }

  private void acknowledge(long policy, long version) {
    GatewayServiceGrpc.newStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .acknowledge(
            AcknowledgeRequest.newBuilder().setVersion(version).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(AcknowledgeResponse r) {
                ackedAt.putIfAbsent(policy, System.nanoTime());
              }

              @Override
              public void onError(Throwable t) {
                failure = t;
              }

              @Override
              public void onCompleted() {}
            });
  }

  /** When the controller confirmed an acknowledgement of {@code policy} or later, or null. */
  Long ackedAtOrAfter(long policy) {
    Map.Entry<Long, Long> e = ackedAt.ceilingEntry(policy);
    return e == null ? null : e.getValue();
  }

  /** When the first update of {@code policy} or later arrived, or null. */
  Long receivedAtOrAfter(long policy) {
    Map.Entry<Long, Long> e = receivedAt.ceilingEntry(policy);
    return e == null ? null : e.getValue();
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
