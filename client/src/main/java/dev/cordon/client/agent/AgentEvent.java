package dev.cordon.client.agent;

import dev.cordon.proto.v1.DeviceTableUpdate;
import io.grpc.Status;

/**
 * What the agent's loop reacts to, one at a time on its own thread. Stream events carry the number
 * of the stream attempt they belong to, so that late events of a cancelled stream are ignored.
 */
sealed interface AgentEvent {

  record Update(int stream, DeviceTableUpdate update) implements AgentEvent {}

  record StreamFailed(int stream, Status status) implements AgentEvent {}

  record StreamEnded(int stream) implements AgentEvent {}

  record Reconnect() implements AgentEvent {}

  record RenewDue() implements AgentEvent {}

  /** Report posture even if nothing changed (the schedule). */
  record PostureDue() implements AgentEvent {}

  /** Report posture if it changed since the last report. */
  record PostureCheck() implements AgentEvent {}

  record WriteStatus() implements AgentEvent {}

  record Stop() implements AgentEvent {}
}
