package dev.cordon.gateway.daemon;

import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.telemetry.GatewayStatus;
import dev.cordon.gateway.telemetry.PrometheusText;
import dev.cordon.gateway.telemetry.StatusFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayStatusCommandTest {
  @TempDir Path dir;

  final GatewayStatus status =
      new GatewayStatus(
          7,
          false,
          42_000,
          3,
          120,
          900,
          1500,
          Map.of(DropReason.SPOOFED_SOURCE, 2L, DropReason.NO_MATCHING_RULE, 0L),
          Map.of("handshake_refused", 4L, "no_route", 1L),
          List.of(new GatewayStatus.Peer("cam-1", "ACTIVE", 5_000, 10, 9, 2, 4_096, 2_048)),
          LatencyHistogram.Snapshot.empty());

  @Test
  void statusPrintsPeersHandshakeAgesFlowsAndNonZeroDropsByReason() throws Exception {
    StatusFile.write(dir, status);
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cl = new CommandLine(new GatewayCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("status", "--state", dir.toString());
    assertEquals(0, code, err.toString());
    String text = out.toString();
    assertTrue(text.contains("table version  7"), text);
    assertTrue(text.contains("disconnected, fail-static 42 s left"), text);
    assertTrue(text.contains("flows          3"), text);
    assertTrue(
        text.matches("(?s).*cam-1\\s+ACTIVE\\s+5 s ago\\s+10\\s+9\\s+2\\s+4096\\s+2048.*"), text);
    assertTrue(text.contains("SPOOFED_SOURCE       2"), text);
    assertFalse(text.contains("NO_MATCHING_RULE"), text);
    assertTrue(text.contains("  handshake_refused    4"), text);
    assertTrue(text.contains("  no_route             1"), text);
  }

  @Test
  void statusWithoutARunningGatewaySaysSoAndExitsOne() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new GatewayCommand());
    cl.setErr(new PrintWriter(err));
    assertEquals(1, cl.execute("status", "--state", dir.toString()));
    assertTrue(err.toString().contains("is the gateway running?"), err.toString());
  }

  @Test
  void prometheusTextCountsDropsByReasonAndHealthNeedsATrustedTable() {
    String text = PrometheusText.render(status);
    assertTrue(
        text.contains(
            "cordon_gateway_drops_total{reason=\"spoofed_source\",layer=\"enforcement\"} 2"),
        text);
    assertTrue(
        text.contains(
            "cordon_gateway_drops_total{reason=\"handshake_refused\",layer=\"tunnel\"} 4"),
        text);
    assertTrue(text.contains("cordon_gateway_table_version 7"), text);
    assertTrue(status.healthy());
    var expired =
        new GatewayStatus(
            7,
            false,
            0,
            0,
            0,
            0,
            0,
            Map.of(),
            Map.of(),
            List.of(),
            LatencyHistogram.Snapshot.empty());
    assertFalse(expired.healthy());
  }

  @Test
  void enforcementLatencyIsAPrometheusHistogramWithCumulativePowerOfTwoBuckets() {
    var h = new LatencyHistogram();
    h.record(500); // 0 us
    h.record(3_000); // 3 us: below 4 us
    h.record(9_000_000); // 9 ms: below 16.384 ms
    var withLatency =
        new GatewayStatus(1, true, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of(), h.snapshot());
    String text = PrometheusText.render(withLatency);
    assertTrue(text.contains("# TYPE cordon_gateway_enforcement_seconds histogram"), text);
    assertTrue(
        text.contains("cordon_gateway_enforcement_seconds_bucket{le=\"0.000001\"} 1\n"), text);
    assertTrue(
        text.contains("cordon_gateway_enforcement_seconds_bucket{le=\"0.000002\"} 1\n"), text);
    assertTrue(
        text.contains("cordon_gateway_enforcement_seconds_bucket{le=\"0.000004\"} 2\n"), text);
    assertTrue(
        text.contains("cordon_gateway_enforcement_seconds_bucket{le=\"0.008192\"} 2\n"), text);
    assertTrue(
        text.contains("cordon_gateway_enforcement_seconds_bucket{le=\"0.016384\"} 3\n"), text);
    assertTrue(text.contains("cordon_gateway_enforcement_seconds_bucket{le=\"+Inf\"} 3\n"), text);
    assertTrue(text.contains("cordon_gateway_enforcement_seconds_sum 0.009003\n"), text);
    assertTrue(text.contains("cordon_gateway_enforcement_seconds_count 3\n"), text);
  }
}
