package dev.cordon.controller.tables.api;

import com.google.protobuf.ByteString;
import dev.cordon.controller.tables.GatewayUpdate;
import dev.cordon.controller.tables.Subscriber;
import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayDelta;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.proto.v1.GatewayTableDelta;
import dev.cordon.proto.v1.GatewayTableUpdate;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One gateway's WatchTable stream. It remembers the peers' keys and the rules the gateway holds
 * (sent on this stream, or held from before when the stream resumed), since a delta removes peers
 * by key and a peer's unmet conditions depend on the rules.
 */
final class GatewayStream implements Subscriber<GatewayUpdate> {
  private final StreamObserver<GatewayTableUpdate> out;
  private final Map<String, ByteString> keys = new HashMap<>();
  private final Map<String, FlowRule> rules = new LinkedHashMap<>();

  GatewayStream(StreamObserver<GatewayTableUpdate> out) {
    this.out = out;
  }

  @Override
  public void update(GatewayUpdate update) {
    if (out instanceof ServerCallStreamObserver<GatewayTableUpdate> call && call.isCancelled()) {
      throw Status.CANCELLED.withDescription("the gateway left").asRuntimeException();
    }
    out.onNext(
        switch (update) {
          case GatewayUpdate.Snapshot s -> snapshot(s);
          case GatewayUpdate.Delta d -> delta(d);
        });
  }

  @Override
  public void ended(String reason) {
    out.onError(Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
  }

  /**
   * A resumed stream sends nothing for what the gateway holds, but remembers its keys and rules.
   */
  @Override
  public void resumed(GatewayUpdate held) {
    if (held instanceof GatewayUpdate.Snapshot s) {
      hold(s.table());
      s.table().peers().values().forEach(this::remember);
    }
  }

  private void hold(GatewayTable t) {
    keys.clear();
    rules.clear();
    t.rules().forEach(r -> rules.put(r.id(), r));
  }

  private GatewayTableUpdate snapshot(GatewayUpdate.Snapshot s) {
    GatewayTable t = s.table();
    hold(t);
    var b =
        dev.cordon.proto.v1.GatewayTable.newBuilder()
            .setVersion(t.version())
            .setPolicyVersion(s.policyVersion())
            .setGatewayName(t.gateway())
            .setCompiledAt(TableMessages.timestamp(s.compiledAt()));
    t.peers().values().forEach(p -> b.addPeers(remember(p)));
    t.rules().forEach(r -> b.addRules(TableMessages.rule(r)));
    return GatewayTableUpdate.newBuilder().setSnapshot(b).build();
  }

  private GatewayTableUpdate delta(GatewayUpdate.Delta update) {
    GatewayDelta d = update.delta();
    d.removedRules().forEach(rules::remove);
    d.changedRules().forEach(r -> rules.put(r.id(), r));
    d.addedRules().forEach(r -> rules.put(r.id(), r));
    var b =
        GatewayTableDelta.newBuilder()
            .setFromVersion(d.fromVersion())
            .setToVersion(d.toVersion())
            .setPolicyVersion(update.policyVersion())
            .setCompiledAt(TableMessages.timestamp(update.compiledAt()));
    for (String id : d.removedPeers()) {
      ByteString key = keys.remove(id);
      if (key == null) continue;
      b.addRemovedPeerKeys(key);
      if (update.revokedPeers().contains(id)) b.addRevokedPeerKeys(key);
    }
    d.changedPeers().forEach(p -> b.addChangedPeers(remember(p)));
    d.addedPeers().forEach(p -> b.addAddedPeers(remember(p)));
    d.removedRules().forEach(b::addRemovedRuleIds);
    d.changedRules().forEach(r -> b.addChangedRules(TableMessages.rule(r)));
    d.addedRules().forEach(r -> b.addAddedRules(TableMessages.rule(r)));
    return GatewayTableUpdate.newBuilder().setDelta(b).build();
  }

  private dev.cordon.proto.v1.AuthorizedPeer remember(AuthorizedPeer p) {
    dev.cordon.proto.v1.AuthorizedPeer message = TableMessages.peer(p, rules.values());
    keys.put(p.deviceId(), message.getWireguardPublicKey());
    return message;
  }
}
