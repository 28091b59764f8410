package dev.cordon.lab.system;

import dev.cordon.lab.Bridge;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.bench.LabJava;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A whole Cordon deployment in a lab. The underlay 192.0.2.0/24 joins the controller (.10), the
 * gateway (.11) and the devices (.12 on); behind the gateway the protected network 198.51.100.0/24
 * holds service A (.10) and service B (.20), each an echo service on {@link #SERVICE_PORT}, routing
 * the overlay back through the gateway. The policy lets cameras reach service A only; quarantined
 * devices reach service B only.
 */
public final class Fleet {
  public static final String GATEWAY_NAME = "gw-lab";
  public static final String PROTECTED = "198.51.100.0/24";
  public static final String GATEWAY_INSIDE = "198.51.100.1";
  public static final String SERVICE_A = "198.51.100.10";
  public static final String SERVICE_B = "198.51.100.20";
  public static final int SERVICE_PORT = 7000;
  public static final int GATEWAY_PORT = 51820;
  static final int CONTROLLER_PORT = 7443;

  /** Services end by themselves after this, whatever happens to the test. */
  static final int SERVICE_LIFETIME_SECONDS = 900;

  public static final String POLICY =
      """
      version: 1
      gateways:
        - name: gw-lab
      segments:
        - name: cameras
          match: type=camera
      services:
        - name: svc-a
          gateway: gw-lab
          address: 198.51.100.10
          protocol: tcp
          ports: [7000]
        - name: svc-b
          gateway: gw-lab
          address: 198.51.100.20
          protocol: tcp
          ports: [7000]
      rules:
        - name: cameras-to-a
          action: allow
          from: [cameras]
          to: {services: [svc-a]}
      quarantine:
        segment: quarantine
        reach: {services: [svc-b]}
      """;

  private final Lab lab;
  private final Bridge underlay;
  private final ControllerProcess controller;
  private final Admin admin;
  private final GatewayProcess gateway;
  private final List<StockDevice> devices = new ArrayList<>();
  private int agentHosts;

  private Fleet(
      Lab lab, Bridge underlay, ControllerProcess controller, Admin admin, GatewayProcess gateway) {
    this.lab = lab;
    this.underlay = underlay;
    this.controller = controller;
    this.admin = admin;
    this.gateway = gateway;
  }

  /** Builds the networks, starts the services, the controller and the gateway, applies POLICY. */
  public static Fleet start(Lab lab) {
    return start(lab, List.of());
  }

  /** Like {@link #start(Lab)}, the controller started with {@code controllerArgs} added. */
  public static Fleet start(Lab lab, List<String> controllerArgs) {
    Bridge underlay = lab.bridge("lan");
    Bridge inside = lab.bridge("svc");
    Namespace svcA = service(lab, inside, "svca", SERVICE_A);
    Namespace svcB = service(lab, inside, "svcb", SERVICE_B);
    LabProcess echoA = echo(svcA);
    LabProcess echoB = echo(svcB);

    Namespace ctl = lab.namespace("ctl");
    ctl.connect(underlay, lab.underlayCidr(0));
    var controller =
        ControllerProcess.start(
            ctl,
            lab.runDirectory().resolve("controller"),
            lab.underlay(0) + ":" + CONTROLLER_PORT,
            controllerArgs);
    var admin = new Admin(ctl, controller.address(), controller.ownerCredential());
    admin.applyPolicy(POLICY);

    Namespace gw = lab.namespace("gw");
    gw.connect(underlay, lab.underlayCidr(1));
    gw.connect(inside, GATEWAY_INSIDE + "/24");
    gw.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
    var gateway =
        GatewayProcess.enrollAndStart(
            gw,
            admin.createToken("--kind", "gateway", "--name", GATEWAY_NAME),
            lab.underlay(1) + ":" + GATEWAY_PORT,
            GATEWAY_PORT,
            PROTECTED);
    Duration ready = Duration.ofSeconds(30);
    echoA.awaitOutput(Pattern.compile("echo listening"), ready);
    echoB.awaitOutput(Pattern.compile("echo listening"), ready);
    return new Fleet(lab, underlay, controller, admin, gateway);
  }

  /**
   * A camera running stock wireguard-go: enrolled with a token ({@code --type camera} and the label
   * {@code type=camera}), its generated wg-quick file applied, and widened to the whole protected
   * network so that what policy denies reaches the gateway and is refused there.
   */
  public StockDevice camera(String name) {
    int host = 2 + devices.size() + agentHosts;
    Namespace ns = lab.namespace(name);
    ns.connect(underlay, lab.underlayCidr(host));
    var device =
        StockDevice.enroll(
            ns, admin.createToken("--name", name, "--type", "camera", "--label", "type=camera"));
    device.up();
    device.widen(PROTECTED);
    devices.add(device);
    return device;
  }

  /**
   * A bare host on the underlay for a device that runs the Cordon agent itself ({@code cordon
   * enroll} then {@code cordon up}); the caller enrolls and starts it.
   */
  public Namespace agentHost(String name) {
    int host = 2 + devices.size() + agentHosts;
    agentHosts++;
    Namespace ns = lab.namespace(name);
    ns.connect(underlay, lab.underlayCidr(host));
    return ns;
  }

  private static Namespace service(Lab lab, Bridge inside, String role, String address) {
    Namespace ns = lab.namespace(role);
    ns.connect(inside, address + "/24");
    ns.exec("ip", "route", "add", "100.64.0.0/10", "via", GATEWAY_INSIDE);
    return ns;
  }

  private static LabProcess echo(Namespace ns) {
    return LabJava.start(
        ns,
        "echo-" + ns.role(),
        EchoService.class,
        Integer.toString(SERVICE_PORT),
        Integer.toString(SERVICE_LIFETIME_SECONDS));
  }

  public Lab lab() {
    return lab;
  }

  public ControllerProcess controller() {
    return controller;
  }

  public Admin admin() {
    return admin;
  }

  public GatewayProcess gateway() {
    return gateway;
  }
}
