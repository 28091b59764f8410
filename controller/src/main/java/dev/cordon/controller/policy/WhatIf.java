package dev.cordon.controller.policy;

import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Store;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.FlowQuery;
import dev.cordon.policy.eval.Membership;
import dev.cordon.policy.eval.PolicyEvaluator;
import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.registry.DeviceRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers "may device X reach Y on this protocol and port now, and by which rule" against the
 * current document and the registry as it is at the moment of asking. Safe to retry.
 */
public final class WhatIf {
  private final Store store;
  private final Policies policies;
  private final Clock clock;

  public WhatIf(Store store, Policies policies, Clock clock) {
    this.store = store;
    this.policies = policies;
    this.clock = clock;
  }

  /** The question; {@code at} null means now. */
  public record Question(
      String deviceId, FlowQuery.Destination destination, int ipProto, int port, Instant at) {}

  /** The decision with the context a person needs to read it. */
  public record Answer(
      Decision decision, long policyVersion, Set<String> sourceSegments, String gateway) {
    public Answer {
      sourceSegments = Set.copyOf(sourceSegments);
    }
  }

  /**
   * @throws NotFoundException if no policy was applied yet or the device does not exist
   */
  public Answer ask(Question q) {
    StoredPolicy stored = policies.get(0);
    PolicyDocument doc = Policies.parse(stored);
    List<DeviceRecord> devices = new ArrayList<>();
    for (KeyValue kv : store.range(StoreKeys.DEVICES).kvs()) {
      devices.add(PolicyDevices.decode(kv.value()));
    }
    DeviceRecord source =
        devices.stream()
            .filter(d -> d.id().equals(q.deviceId()))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("device " + q.deviceId()));
    Instant at = q.at() == null ? clock.instant() : q.at();
    FlowQuery flow =
        new FlowQuery(source, q.destination(), q.ipProto(), q.port(), at.toEpochMilli(), null);
    Decision decision = new PolicyEvaluator(doc, devices).decide(flow);
    return new Answer(
        decision,
        stored.version(),
        Membership.segmentsOf(doc, source),
        gateway(doc, q.destination(), devices));
  }

  /** The gateway that would enforce the flow: the service's, else the relay for device flows. */
  private static String gateway(
      PolicyDocument doc, FlowQuery.Destination destination, List<DeviceRecord> devices) {
    String relay = doc.relay().map(Gateway::name).orElse("");
    return switch (destination) {
      case FlowQuery.ToService s -> doc.service(s.name()).map(Service::gateway).orElse("");
      case FlowQuery.ToDevice d -> relay;
      case FlowQuery.ToAddress a ->
          doc.services().stream()
              .filter(s -> contains(s.prefix(), a))
              .map(Service::gateway)
              .findFirst()
              .orElse(
                  devices.stream().anyMatch(d -> a.address().equals(d.overlayAddress()))
                      ? relay
                      : "");
    };
  }

  private static boolean contains(IpPrefix prefix, FlowQuery.ToAddress a) {
    return prefix.address().v4() == a.address().v4()
        && a.address().compareTo(prefix.first()) >= 0
        && a.address().compareTo(prefix.last()) <= 0;
  }
}
