package dev.cordon.controller.telemetry;

import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.SecurityEvent;

/**
 * Makes what a gateway sends say that this gateway sent it. The gateway's identity comes from its
 * TLS session; whatever a record claims about its reporter is overwritten, so a gateway cannot
 * speak for another one.
 */
final class Attribution {

  private Attribution() {}

  static FlowRecord flow(FlowRecord flow, Identity gateway) {
    return flow.toBuilder().setGateway(gateway.getName()).build();
  }

  /** The reporter is the gateway; the id is prefixed with its name; the response is ours to set. */
  static SecurityEvent event(SecurityEvent event, Identity gateway) {
    return event.toBuilder()
        .setEventId(gateway.getName() + "/" + event.getEventId())
        .setReporter(gateway)
        .clearResponse()
        .build();
  }
}
