package dev.cordon.lab.e2e;

import static dev.cordon.lab.system.Fleet.SERVICE_A;
import static dev.cordon.lab.system.Fleet.SERVICE_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Bridge;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.bench.LabJava;
import dev.cordon.lab.system.Admin;
import dev.cordon.lab.system.EchoService;
import dev.cordon.lab.system.Fleet;
import dev.cordon.lab.system.GatewayProcess;
import dev.cordon.lab.system.StockDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The gateway's certificate renewal against a real controller issuing gateway certificates for one
 * minute ({@code --cert-lifetime gateway=1m}): the deployment of {@link Fleet}, with that
 * controller. Each certificate is renewed about 40 s into the minute still ahead of it, so the
 * third renewal comes after the enrollment certificate and the first renewed one have expired: the
 * controller accepts it (and every later call) only if the session moved to the new certificates.
 */
@LabTest
class GatewayRenewalLabTest {
  static final int CONTROLLER_PORT = 7443;
  static final Pattern RENEWED =
      Pattern.compile("certificate renewed serial=([0-9a-f]+) not-after=(\\S+)");

  @Test
  void a_gateway_renews_its_one_minute_certificate_and_keeps_enforcing_the_controllers_table(
      Lab lab) {
    Bridge underlay = lab.bridge("lan");
    Bridge inside = lab.bridge("svc");
    Namespace svcA = lab.namespace("svca");
    svcA.connect(inside, SERVICE_A + "/24");
    svcA.exec("ip", "route", "add", "100.64.0.0/10", "via", Fleet.GATEWAY_INSIDE);
    LabProcess echo =
        LabJava.start(svcA, "echo-svca", EchoService.class, Integer.toString(SERVICE_PORT), "600");

    Namespace ctl = lab.namespace("ctl");
    ctl.connect(underlay, lab.underlayCidr(0));
    String controllerAddress = lab.underlay(0) + ":" + CONTROLLER_PORT;
    LabProcess controller =
        ctl.startJava(
            "controller",
            "controller",
            "--data-dir",
            lab.runDirectory().resolve("controller").toString(),
            "--listen",
            controllerAddress,
            "--advertise",
            controllerAddress,
            "--metrics-listen",
            "off",
            "--cert-lifetime",
            "gateway=1m");
    controller.awaitOutput(Pattern.compile("listening on \\S+ \\(gRPC"), Duration.ofSeconds(60));
    MatchResult owner =
        controller.awaitOutput(
            Pattern.compile("owner credential: (?:written to|created at first start in) (\\S+)"),
            Duration.ofSeconds(60));
    Admin admin = new Admin(ctl, controllerAddress, Path.of(owner.group(1)));
    admin.applyPolicy(Fleet.POLICY);

    Namespace gw = lab.namespace("gw");
    gw.connect(underlay, lab.underlayCidr(1));
    gw.connect(inside, Fleet.GATEWAY_INSIDE + "/24");
    gw.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
    GatewayProcess gateway =
        GatewayProcess.enrollAndStart(
            gw,
            admin.createToken("--kind", "gateway", "--name", Fleet.GATEWAY_NAME),
            lab.underlay(1) + ":" + Fleet.GATEWAY_PORT,
            Fleet.GATEWAY_PORT,
            Fleet.PROTECTED);
    echo.awaitOutput(Pattern.compile("echo listening"), Duration.ofSeconds(30));

    Namespace camNs = lab.namespace("cam1");
    camNs.connect(underlay, lab.underlayCidr(2));
    StockDevice cam =
        StockDevice.enroll(
            camNs,
            admin.createToken("--name", "cam1", "--type", "camera", "--label", "type=camera"));
    cam.up();
    cam.widen(Fleet.PROTECTED);
    LabProcess stream = cam.stream(SERVICE_A, SERVICE_PORT, 300, 5_000);
    EchoProgress.awaitAtLeast(stream, 16 * 1024);

    List<MatchResult> renewals = awaitRenewals(gateway, 3, Duration.ofSeconds(150));
    List<String> serials = renewals.stream().map(m -> m.group(1)).toList();
    assertEquals(3, serials.stream().distinct().count(), "each renewal is a new certificate");
    // The file is replaced before the line is printed: wait out that moment.
    Await.until(
        "the certificate on disk to be the last one renewed",
        Duration.ofSeconds(5),
        () -> gateway.certificateSerial().equals(latest(gateway).group(1)));
    String shown = admin.ok("gateway", "show", Fleet.GATEWAY_NAME).stdout();
    assertTrue(
        shown.contains("Certificate expires:  " + renewals.getLast().group(2))
            || shown.contains("Certificate expires:  " + latest(gateway).group(2)),
        "the controller records the renewed certificate:\n" + shown);
    assertTrue(stream.isAlive(), "enforcement went on throughout:\n" + stream.output());
    assertFalse(
        stream.output().contains("stalled"),
        "the flow stalled during renewals:\n" + stream.output());

    // The table watch still runs on the renewed session: a revocation now still cuts the device.
    admin.ok("device", "revoke", cam.deviceId(), "--reason", "lab test");
    gateway.awaitOutput(
        Pattern.compile("revoked peer=" + Pattern.quote(cam.publicKey()) + " enforced-in-ms="),
        Duration.ofSeconds(20));
    stream.awaitOutput(Pattern.compile("stalled echoed=\\d+"), Duration.ofSeconds(15));
  }

  /** The first {@code n} renewals the gateway printed, in order (serial, not-after). */
  private static List<MatchResult> awaitRenewals(GatewayProcess gateway, int n, Duration deadline) {
    List<MatchResult> renewals = new ArrayList<>();
    try {
      Await.until(
          n + " certificate renewals",
          deadline,
          () -> {
            renewals.clear();
            Matcher m = RENEWED.matcher(gateway.process().output());
            while (m.find()) renewals.add(m.toMatchResult());
            return renewals.size() >= n;
          });
    } catch (Await.TimedOut e) {
      throw new AssertionError(e.getMessage() + "\n" + gateway.process().output(), e);
    }
    return List.copyOf(renewals.subList(0, n));
  }

  /** The latest renewal printed so far (another may have happened since the first three). */
  private static MatchResult latest(GatewayProcess gateway) {
    Matcher m = RENEWED.matcher(gateway.process().output());
    MatchResult last = null;
    while (m.find()) last = m.toMatchResult();
    return last;
  }
}
