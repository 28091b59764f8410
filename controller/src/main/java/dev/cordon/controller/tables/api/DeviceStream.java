package dev.cordon.controller.tables.api;

import com.google.protobuf.ByteString;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.tables.DeviceState;
import dev.cordon.controller.tables.DeviceUpdate;
import dev.cordon.controller.tables.Subscriber;
import dev.cordon.policy.compile.DeviceDelta;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.proto.v1.DevicePeer;
import dev.cordon.proto.v1.DeviceTableDelta;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.Endpoint;
import dev.cordon.proto.v1.PrincipalKind;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's SyncTable stream. Peers are gateways; a gateway the registry does not hold yet (no
 * key) cannot be configured and is left out until its record arrives. Inbound rules are not sent
 * yet: the gateway enforces every flow, the device's own filter is the agent's default deny.
 */
final class DeviceStream implements Subscriber<DeviceUpdate> {
  /** Keeps NAT mappings open for devices behind NAT, as wg-quick setups commonly do. */
  static final int KEEPALIVE_SECONDS = 25;

  private final StreamObserver<DeviceTableUpdate> out;
  private final Map<String, ByteString> keys = new HashMap<>();

  DeviceStream(StreamObserver<DeviceTableUpdate> out) {
    this.out = out;
  }

  @Override
  public void update(DeviceUpdate update) {
    if (out instanceof ServerCallStreamObserver<DeviceTableUpdate> call && call.isCancelled()) {
      throw Status.CANCELLED.withDescription("the device left").asRuntimeException();
    }
    out.onNext(
        switch (update) {
          case DeviceUpdate.Snapshot s -> snapshot(s);
          case DeviceUpdate.Delta d -> delta(d);
        });
  }

  @Override
  public void ended(String reason) {
    out.onError(Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
  }

  /** A resumed stream sends nothing for what the device holds, but remembers its gateways' keys. */
  @Override
  public void resumed(DeviceUpdate held) {
    if (held instanceof DeviceUpdate.Snapshot s) {
      keys.clear();
      s.table()
          .peers()
          .forEach(
              (g, prefixes) -> {
                GatewayRecord record = s.gateways().get(g);
                if (record != null) keys.put(g, ByteString.copyFrom(record.wireGuardKey().bytes()));
              });
    }
  }

  private DeviceTableUpdate snapshot(DeviceUpdate.Snapshot s) {
    keys.clear();
    DeviceState state = s.state();
    var b =
        dev.cordon.proto.v1.DeviceTable.newBuilder()
            .setVersion(s.version())
            .setPolicyVersion(s.policyVersion())
            .setDeviceId(s.table().deviceId())
            .setCompiledAt(TableMessages.timestamp(s.compiledAt()))
            .setStatus(TableMessages.status(state.status()))
            .addAllSegments(state.segments().stream().sorted().toList());
    if (state.overlayAddress() != null) {
      b.setOverlayAddress(TableMessages.address(state.overlayAddress()));
    }
    s.table()
        .peers()
        .forEach(
            (g, prefixes) -> {
              GatewayRecord record = s.gateways().get(g);
              if (record != null) b.addPeers(peer(record, prefixes));
            });
    return DeviceTableUpdate.newBuilder().setSnapshot(b).build();
  }

  private DeviceTableUpdate delta(DeviceUpdate.Delta update) {
    DeviceDelta d = update.delta();
    var b =
        DeviceTableDelta.newBuilder()
            .setFromVersion(d.fromVersion())
            .setToVersion(d.toVersion())
            .setPolicyVersion(update.policyVersion())
            .setCompiledAt(TableMessages.timestamp(update.compiledAt()));
    update
        .state()
        .ifPresent(
            state -> {
              b.setStatus(TableMessages.status(state.status()));
              b.setSegmentsChanged(true)
                  .addAllSegments(state.segments().stream().sorted().toList());
            });
    for (String g : d.removedPeers()) {
      ByteString key = keys.remove(g);
      if (key != null) b.addRemovedPeerKeys(key);
    }
    d.changedPeers()
        .forEach(
            (g, prefixes) -> {
              GatewayRecord record = update.gateways().get(g);
              if (record == null) return;
              boolean known = keys.containsKey(g);
              DevicePeer peer = peer(record, prefixes);
              if (known) b.addChangedPeers(peer);
              else b.addAddedPeers(peer);
            });
    d.addedPeers()
        .forEach(
            (g, prefixes) -> {
              GatewayRecord record = update.gateways().get(g);
              if (record != null) b.addAddedPeers(peer(record, prefixes));
            });
    return DeviceTableUpdate.newBuilder().setDelta(b).build();
  }

  private DevicePeer peer(GatewayRecord g, List<IpPrefix> prefixes) {
    ByteString key = ByteString.copyFrom(g.wireGuardKey().bytes());
    keys.put(g.name(), key);
    var b =
        DevicePeer.newBuilder()
            .setWireguardPublicKey(key)
            .setIdentity(TableMessages.identity(PrincipalKind.PRINCIPAL_KIND_GATEWAY, g.name()))
            .setPersistentKeepaliveSeconds(KEEPALIVE_SECONDS);
    g.endpoints().forEach(e -> endpoint(e, b));
    prefixes.forEach(p -> b.addAllowedPrefixes(TableMessages.prefix(p)));
    return b.build();
  }

  /** {@code host:port} or {@code [v6]:port}; anything else is skipped rather than guessed. */
  private static void endpoint(String text, DevicePeer.Builder b) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) return;
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      b.addEndpoints(Endpoint.newBuilder().setHost(host).setPort(port));
    } catch (NumberFormatException e) {
      // not an endpoint this device could use
    }
  }
}
