package dev.cordon.client.agent;

import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.SyncTableRequest;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One SyncTable call's observer: posts what arrives as events of stream attempt {@code attempt},
 * and hands the call to {@code started} so that the agent can cancel it.
 */
final class TableStream implements ClientResponseObserver<SyncTableRequest, DeviceTableUpdate> {

  private final int attempt;
  private final Queue<AgentEvent> events;
  private final Consumer<ClientCallStreamObserver<SyncTableRequest>> started;

  TableStream(
      int attempt,
      Queue<AgentEvent> events,
      Consumer<ClientCallStreamObserver<SyncTableRequest>> started) {
    this.attempt = attempt;
    this.events = events;
    this.started = started;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SyncTableRequest> requestStream) {
    started.accept(requestStream);
  }

  @Override
  public void onNext(DeviceTableUpdate value) {
    events.add(new AgentEvent.Update(attempt, value));
  }

  @Override
  public void onError(Throwable t) {
    events.add(new AgentEvent.StreamFailed(attempt, Status.fromThrowable(t)));
  }

  @Override
  public void onCompleted() {
    events.add(new AgentEvent.StreamEnded(attempt));
  }
}
