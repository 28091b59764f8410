package dev.cordon.gateway.enforce;

import dev.cordon.policy.conntrack.ConnEntry;
import dev.cordon.policy.conntrack.FlowKey;
import dev.cordon.policy.eval.Decision;

/**
 * Telemetry's view of enforcement, called on the packet path (keep it cheap): a flow allowed and
 * tracked, each packet of a tracked flow, a flow cut by a new table, and a denied first packet.
 */
public interface FlowObserver {
  FlowObserver NONE = new FlowObserver() {};

  default void started(ConnEntry entry, GatewayPeer sender, long tableVersion, long now) {}

  default void packet(ConnEntry entry, boolean reply, int bytes, long now) {}

  default void cut(ConnEntry entry, Decision decision, long now) {}

  default void denied(FlowKey key, GatewayPeer sender, Decision decision, long now) {}
}
