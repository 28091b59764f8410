package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@LabTest
class LabExtensionLabTest {
  /** Run only through the launcher below (surefire skips nested classes). */
  @LabTest
  static class DeliberatelyFailing {
    static volatile String prefix;

    @Test
    void fails_after_a_process_spoke(Lab lab) {
      prefix = lab.prefix();
      LabProcess p = lab.namespace("f").start("talker", "sh", "-c", "echo evidence for the report");
      Await.until("talker to exit", Duration.ofSeconds(10), () -> !p.isAlive());
      throw new AssertionError("deliberate failure");
    }
  }

  @Test
  void a_failed_lab_test_carries_every_process_output_and_its_lab_is_removed() {
    System.err.println("[expected] the next lab report belongs to a deliberately failing test");
    var listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(DeliberatelyFailing.class))
                .build(),
            listener);

    var failures = listener.getSummary().getFailures();
    assertEquals(1, failures.size());
    Throwable failure = failures.getFirst().getException();
    assertEquals("deliberate failure", failure.getMessage());
    var report = assertInstanceOf(LabExtension.LabReport.class, failure.getSuppressed()[0]);
    assertTrue(report.getMessage().contains("evidence for the report"), report.getMessage());
    assertTrue(Arrays.stream(failure.getSuppressed()).count() == 1, "one report per failure");
    assertEquals(
        List.of(),
        Sweeper.namespaces().stream()
            .filter(n -> n.startsWith(DeliberatelyFailing.prefix))
            .toList());
  }

  @Test
  void cordon_runs_from_the_distribution_inside_a_namespace(Lab lab) {
    Namespace ns = lab.namespace("j");
    LabProcess verb = ns.startJava("cordon-help", "--help");
    LabProcess main = ns.startJava("cordon-version", "dev.cordon.dist.Cordon", "--version");
    Await.until(
        "both cordon runs to exit",
        Duration.ofSeconds(60),
        () -> !verb.isAlive() && !main.isAlive());
    assertEquals(0, verb.exitCode(), verb.output());
    assertTrue(verb.output().contains("Usage: cordon"), verb.output());
    assertEquals(0, main.exitCode(), main.output());
  }
}
