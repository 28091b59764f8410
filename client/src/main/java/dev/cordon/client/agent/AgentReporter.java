package dev.cordon.client.agent;

import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.PostureReport;
import dev.cordon.proto.v1.ReportPostureRequest;
import dev.cordon.proto.v1.ReportPostureResponse;
import dev.cordon.proto.v1.UnmetCondition;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Sends posture reports: on the schedule whether or not anything changed, and as soon as a check
 * finds the values changed. A failed report is retried at the next check. Problems reading the
 * sources are printed when they change, not every check.
 */
final class AgentReporter {

  private final Posture.Sources sources;
  private final Clock clock;
  private final Supplier<DeviceServiceGrpc.DeviceServiceBlockingStub> stub;
  private final BooleanSupplier connected;
  private final Duration timeout;
  private final PrintWriter out;
  private PostureReport lastSent;
  private Instant lastReported;
  private List<String> lastProblems = List.of();
  private List<UnmetCondition> lastUnmet = List.of();

  AgentReporter(
      Posture.Sources sources,
      Clock clock,
      Supplier<DeviceServiceGrpc.DeviceServiceBlockingStub> stub,
      BooleanSupplier connected,
      Duration timeout,
      PrintWriter out) {
    this.sources = sources;
    this.clock = clock;
    this.stub = stub;
    this.connected = connected;
    this.timeout = timeout;
    this.out = out;
  }

  /** Collects and, if {@code force} or the values changed, reports. */
  void report(boolean force) {
    Posture.Collected collected = Posture.collect(sources, clock.instant());
    if (!collected.problems().equals(lastProblems)) {
      lastProblems = collected.problems();
      collected.problems().forEach(p -> say("Posture: " + p + "."));
    }
    if (!connected.getAsBoolean() || (!force && collected.content().equals(lastSent))) {
      return;
    }
    try {
      ReportPostureResponse response =
          stub.get()
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .reportPosture(
                  ReportPostureRequest.newBuilder().setReport(collected.report()).build());
      boolean changed = lastSent != null && !collected.content().equals(lastSent);
      lastSent = collected.content();
      lastReported = clock.instant();
      if (changed) {
        say("Posture changed; reported it to the controller.");
      }
      if (!response.getUnmetConditionsList().equals(lastUnmet)) {
        lastUnmet = response.getUnmetConditionsList();
        for (UnmetCondition unmet : lastUnmet) {
          say(
              "Posture: rule "
                  + unmet.getRuleId()
                  + " does not apply to this device: "
                  + unmet.getDetail()
                  + ".");
        }
      }
    } catch (StatusRuntimeException e) {
      say(
          "Warning: posture report failed ("
              + AgentWords.describe(e.getStatus())
              + "); retrying at the next check.");
    }
  }

  Instant lastReported() {
    return lastReported;
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}
