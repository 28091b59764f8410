package dev.cordon.lab.e2e;

import static dev.cordon.lab.system.Fleet.SERVICE_A;
import static dev.cordon.lab.system.Fleet.SERVICE_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import dev.cordon.lab.bench.LabJava;
import dev.cordon.lab.system.CordonCli;
import dev.cordon.lab.system.Fleet;
import dev.cordon.lab.system.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A device running the Cordon agent ({@code cordon up}) against a controller that issues device
 * certificates for one minute: the agent renews at 2/3 of each certificate's life while its tunnel
 * keeps carrying a transfer, and once the device is revoked it is cut off and cannot renew.
 */
@LabTest
class RenewalLabTest {
  static final Duration CONNECT_DEADLINE = Duration.ofSeconds(60);

  /**
   * Enrollment's certificate is already due (it is backdated); then 2/3 of a minute, plus slack.
   */
  static final Duration RENEWAL_DEADLINE = Duration.ofSeconds(75);

  private static final Pattern RENEWED =
      Pattern.compile("Renewed the certificate; it expires (\\S+), next renewal in (\\d+)\\s?s\\.");
  private static final Pattern CERTIFICATE_EXPIRES =
      Pattern.compile("\"certificate_expires\"\\s*:\\s*\"([^\"]+)\"");

  @Test
  void the_agent_renews_at_two_thirds_of_life_without_a_restart_and_a_revoked_device_cannot_renew(
      Lab lab) {
    Fleet fleet = Fleet.start(lab, List.of("--cert-lifetime", "device=1m"));
    Namespace host = fleet.agentHost("agent1");
    Path state = lab.runDirectory().resolve("agent-agent1");
    Path token =
        fleet.admin().createToken("--name", "agent1", "--type", "camera", "--label", "type=camera");
    Result enrolled = CordonCli.enroll(host, token, "--state-dir", state.toString());
    assertEquals(0, enrolled.exitCode(), enrolled.toString());
    String deviceId = deviceId(enrolled);
    X509Certificate enrolledCert = certificate(state);
    assertTrue(
        Duration.between(Instant.now(), enrolledCert.getNotAfter().toInstant()).toSeconds() <= 60,
        "the controller issued a one-minute certificate: " + enrolledCert.getNotAfter());

    LabProcess agent = up(host, state, lab.interfaceName("ag"));
    agent.awaitOutput(Pattern.compile("Connected; table version \\d+"), CONNECT_DEADLINE);
    LabProcess stream =
        LabJava.start(
            host,
            "stream-agent1",
            Probe.class,
            "stream",
            SERVICE_A,
            Integer.toString(SERVICE_PORT),
            "150",
            "5000");
    EchoProgress.awaitAtLeast(stream, 8 * 1024);

    // The enrollment certificate's 2/3 point lies in the past (notBefore is backdated), so the
    // first renewal comes at once; the second is the one scheduled at 2/3 of a fresh life.
    Matcher first = awaitRenewal(agent, 1);
    X509Certificate renewed = certificate(state);
    assertNotEquals(enrolledCert.getSerialNumber(), renewed.getSerialNumber());
    long nextSeconds = Long.parseLong(first.group(2));
    assertTrue(nextSeconds >= 30 && nextSeconds <= 45, "next renewal in " + nextSeconds + " s");

    Matcher second = awaitRenewal(agent, 2);
    X509Certificate again = certificate(state);
    // Each certificate lives one minute from its issue, so the gap between expiries is the gap
    // between renewals: 2/3 of a minute.
    long gap =
        Duration.between(renewed.getNotAfter().toInstant(), again.getNotAfter().toInstant())
            .toSeconds();
    assertTrue(gap >= 38 && gap <= 50, "renewed again " + gap + " s later, not at 2/3 of 60 s");
    BigInteger serial = again.getSerialNumber();
    assertNotEquals(renewed.getSerialNumber(), serial, "a new certificate on disk");
    assertTrue(again.getNotAfter().after(renewed.getNotAfter()), "a later expiry on disk");
    assertEquals(again.getNotAfter().toInstant(), Instant.parse(second.group(1)));
    assertTrue(agent.isAlive(), "renewed without a restart:\n" + agent.output());
    assertEquals(1, count(agent.output(), "Interface "), "one interface, one process");

    Result status = CordonCli.ok(host, "status", "--state-dir", state.toString(), "--json");
    Matcher expires = CERTIFICATE_EXPIRES.matcher(status.stdout());
    assertTrue(expires.find(), status.stdout());
    Instant shown = Instant.parse(expires.group(1));
    assertTrue(
        !shown.isBefore(again.getNotAfter().toInstant()),
        "status shows " + shown + ", disk holds " + again.getNotAfter());

    long echoed = EchoProgress.awaitAtLeast(stream, 0);
    EchoProgress.awaitAtLeast(stream, echoed + 16 * 1024);
    assertTrue(stream.isAlive(), "the transfer stalled across the renewals:\n" + stream.output());

    String audit = fleet.admin().ok("audit", "--target", "device/" + deviceId).stdout();
    assertTrue(
        audit.lines().filter(l -> l.toLowerCase().contains("renew")).count() >= 2,
        "two renewals in the audit log:\n" + audit);

    fleet.admin().ok("device", "revoke", deviceId, "--reason", "lab test");
    Await.until("the agent to stop after revocation", CONNECT_DEADLINE, () -> !agent.isAlive());
    assertEquals(5, agent.exitCode(), agent.output());
    assertTrue(
        agent.output().contains("device " + deviceId + " is revoked"),
        "a clear message:\n" + agent.output());

    // Started again with the revoked certificate, which is still within its life: the controller
    // refuses both the table and the renewal, and the agent says so and exits at once.
    LabProcess retry = up(host, state, lab.interfaceName("ag"));
    Await.until("the restarted agent to give up", CONNECT_DEADLINE, () -> !retry.isAlive());
    assertEquals(5, retry.exitCode(), retry.output());
    assertTrue(
        retry.output().contains("device " + deviceId + " is revoked: the controller refused"),
        "the agent says the controller refused it:\n" + retry.output());
    assertTrue(retry.output().contains("enroll again"), retry.output());
    String refused = fleet.admin().ok("audit", "--target", "device/" + deviceId).stdout();
    assertTrue(refused.contains("revoke"), refused);
  }

  private static LabProcess up(Namespace host, Path state, String iface) {
    return host.startJava(
        "up-" + System.nanoTime(),
        "up",
        "--state-dir",
        state.toString(),
        "--interface",
        iface,
        "--posture-interval",
        "10m");
  }

  /** Waits for the {@code n}th "Renewed the certificate" line and returns it. */
  private static Matcher awaitRenewal(LabProcess agent, int n) {
    Matcher[] found = {null};
    Await.until(
        "renewal " + n + " by the agent",
        RENEWAL_DEADLINE,
        () -> {
          Matcher m = RENEWED.matcher(agent.output());
          int seen = 0;
          while (m.find()) {
            if (++seen == n) {
              found[0] = RENEWED.matcher(m.group());
              return found[0].matches();
            }
          }
          if (!agent.isAlive()) {
            throw new AssertionError("the agent ended:\n" + agent.output());
          }
          return false;
        });
    return found[0];
  }

  private static String deviceId(Result enrolled) {
    Matcher m = Pattern.compile("Enrolled as device (\\S+) ").matcher(enrolled.stdout());
    if (!m.find()) {
      throw new LabException("no device id in the enrollment output:\n" + enrolled.stdout());
    }
    return m.group(1);
  }

  private static X509Certificate certificate(Path state) {
    try (InputStream in = Files.newInputStream(state.resolve("device.crt"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new LabException("cannot read the device certificate in " + state, e);
    }
  }

  private static long count(String text, String needle) {
    return text.lines().filter(l -> l.startsWith(needle)).count();
  }
}
