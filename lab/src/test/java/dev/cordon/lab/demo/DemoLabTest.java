package dev.cordon.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.LabTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@code make demo}'s main end to end and reads the tables it printed. */
@LabTest
class DemoLabTest {
  private static final Pattern ROW =
      Pattern.compile(
          "^  (\\S+)\\s+-> (\\S+)\\s+(ALLOW|DENY)\\s+(.*?)\\s+(allowed|denied)\\s+(.*?)\\s+(yes|MISMATCH)$",
          Pattern.MULTILINE);

  @Test
  void
      the_demo_prints_every_flow_as_the_example_policy_decides_then_a_revocation_and_a_quarantine_and_leaves_nothing_behind()
          throws Exception {
    var captured = new ByteArrayOutputStream();
    var out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);

    Demo.Outcome outcome = Demo.run(false, out);

    String text = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, outcome.exitCode(), text);
    assertEquals(0, outcome.mismatches(), text);
    int revocation = text.indexOf("REVOCATION of camera-1");
    int quarantine = text.indexOf("QUARANTINE of lock-1");
    assertTrue(revocation > 0 && quarantine > revocation, text);

    boolean workingHours = WorkingHours.now().inside();
    String thermostatHvac =
        workingHours
            ? "ALLOW thermostats-to-hvac-working-hours allowed"
            : "DENY thermostats-to-hvac-working-hours (time-window) denied";
    var expected = new LinkedHashMap<String, String>();
    expected.put("camera-1 video-store:443", "ALLOW cameras-to-video-store allowed");
    expected.put("camera-1 hr-db:5432", "DENY nobody-to-hr (deny-rule) denied");
    expected.put("camera-1 patch-server:443", "DENY no-matching-rule denied");
    expected.put("camera-1 hvac:502", "DENY no-matching-rule denied");
    expected.put("thermostat-1 hvac:502", thermostatHvac);
    expected.put("thermostat-1 hr-db:5432", "DENY nobody-to-hr (deny-rule) denied");
    expected.put("thermostat-1 video-store:443", "DENY no-matching-rule denied");
    expected.put("lock-1 video-store:443", "DENY no-matching-rule denied");
    expected.put("lock-1 patch-server:443", "DENY no-matching-rule denied");
    expected.put("sensor-1 video-store:443", "DENY no-matching-rule denied");
    expected.put("sensor-1 hr-db:5432", "DENY nobody-to-hr (deny-rule) denied");
    expected.put("sensor-1 hvac:502", "DENY no-matching-rule denied");
    assertEquals(expected, rows(text.substring(0, revocation)), text);

    Matcher enforced =
        Pattern.compile(
                "gateway hq: revoked peer=\\S+ enforced-in-ms=([0-9]+\\.[0-9]+)\n(?s:.*)"
                    + "revocation enforced by every gateway holding camera-1 \\(hq\\): slowest"
                    + " ([0-9]+\\.[0-9]+) ms")
            .matcher(text.substring(revocation, quarantine));
    assertTrue(enforced.find(), text.substring(revocation, quarantine));
    assertTrue(
        text.contains("camera-1 -> video-store:443 after revocation: denied"),
        text.substring(revocation, quarantine));

    var quarantined = new LinkedHashMap<String, String>();
    quarantined.put("lock-1 video-store:443", "DENY quarantined denied");
    quarantined.put("lock-1 hr-db:5432", "DENY nobody-to-hr (deny-rule) denied");
    quarantined.put("lock-1 patch-server:443", "ALLOW quarantine-reach allowed");
    quarantined.put("lock-1 hvac:502", "DENY quarantined denied");
    assertEquals(quarantined, rows(text.substring(quarantine)), text.substring(quarantine));
    assertTrue(
        text.contains("\nreachable while quarantined: patch-server:443\n"),
        text.substring(quarantine));

    List<String> left =
        namespaces().stream().filter(l -> l.startsWith(outcome.labPrefix())).toList();
    assertEquals(List.of(), left, "namespaces left behind by the demo");
  }

  private static List<String> namespaces() throws java.io.IOException, InterruptedException {
    var p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
    String listed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), listed);
    return listed.lines().toList();
  }

  /** "device service:port" -> "POLICY rule/reason ACTUAL" for each table row, in order. */
  private static Map<String, String> rows(String text) {
    var rows = new LinkedHashMap<String, String>();
    Matcher m = ROW.matcher(text);
    while (m.find()) {
      assertEquals("yes", m.group(7), "the connection disagreed with the what-if: " + m.group());
      rows.put(m.group(1) + " " + m.group(2), m.group(3) + " " + m.group(4) + " " + m.group(5));
    }
    return rows;
  }

  /** Everything written goes to both streams: the test reads one, people watch the other. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
