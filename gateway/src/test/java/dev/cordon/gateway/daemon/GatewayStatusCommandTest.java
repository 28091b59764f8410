package dev.cordon.gateway.daemon;

import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.DropReason;
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
          List.of(new GatewayStatus.Peer("cam-1", "ACTIVE", 5_000, 10, 9, 2, 4_096, 2_048)));

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
    assertTrue(text.contains("cordon_gateway_drops_total{reason=\"spoofed_source\"} 2"), text);
    assertTrue(text.contains("cordon_gateway_table_version 7"), text);
    assertTrue(status.healthy());
    var expired = new GatewayStatus(7, false, 0, 0, 0, 0, 0, Map.of(), List.of());
    assertFalse(expired.healthy());
  }
}
