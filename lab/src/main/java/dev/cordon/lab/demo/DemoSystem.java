package dev.cordon.lab.demo;

import dev.cordon.lab.Bridge;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.bench.LabJava;
import dev.cordon.lab.system.Admin;
import dev.cordon.lab.system.ControllerProcess;
import dev.cordon.lab.system.EchoService;
import dev.cordon.lab.system.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The demo's networks and servers. The underlay 192.0.2.0/24 joins the controller (.10), gateway hq
 * (.11), gateway plant (.12) and the devices (.13 on). Behind hq, 10.10.0.0/16 holds the video
 * store, the HR database and the patch server; behind plant, 10.20.0.0/16 holds the HVAC
 * controller; each service host routes the overlay back through its gateway.
 */
final class DemoSystem {
  static final int CONTROLLER_PORT = 7443;
  static final int GATEWAY_PORT = 51820;
  static final Map<String, String> PROTECTED =
      Map.of("hq", "10.10.0.0/16", "plant", "10.20.0.0/16");
  static final Map<String, String> INSIDE = Map.of("hq", "10.10.0.1", "plant", "10.20.0.1");
  static final String OVERLAY = "100.64.0.0/10";

  final Lab lab;
  final Bridge underlay;
  final ControllerProcess controller;
  final Admin admin;
  final Map<String, GatewayProcess> gateways = new LinkedHashMap<>();
  private int nextHost = 3;

  private DemoSystem(Lab lab, Bridge underlay, ControllerProcess controller, Admin admin) {
    this.lab = lab;
    this.underlay = underlay;
    this.controller = controller;
    this.admin = admin;
  }

  /** Networks, services and the controller; gateways come after the policy names them. */
  static DemoSystem start(Lab lab, long serviceSeconds, Narrator say) {
    Bridge underlay = lab.bridge("lan");
    var insides = new LinkedHashMap<String, Bridge>();
    for (String gw : PROTECTED.keySet().stream().sorted().toList()) {
      insides.put(gw, lab.bridge(gw + "-net"));
    }
    var echoes = new LinkedHashMap<Service, LabProcess>();
    for (Service s : Service.ALL) {
      Namespace ns = lab.namespace(s.name());
      ns.connect(insides.get(s.gateway()), s.address() + "/16");
      ns.exec("ip", "route", "add", OVERLAY, "via", INSIDE.get(s.gateway()));
      echoes.put(
          s,
          LabJava.start(
              ns,
              "echo-" + s.name(),
              EchoService.class,
              Integer.toString(s.port()),
              Long.toString(serviceSeconds)));
    }
    say.step("services: video-store, hr-db, patch-server behind hq; hvac behind plant");

    Namespace ctl = lab.namespace("controller");
    ctl.connect(underlay, lab.underlayCidr(0));
    var controller =
        ControllerProcess.start(
            ctl, lab.runDirectory().resolve("controller"), lab.underlay(0) + ":" + CONTROLLER_PORT);
    say.step("controller listening on " + controller.address() + " (embedded store)");
    var admin = new Admin(ctl, controller.address(), controller.ownerCredential());
    var system = new DemoSystem(lab, underlay, controller, admin);
    for (var e : echoes.entrySet()) {
      e.getValue().awaitOutput(Pattern.compile("echo listening"), Duration.ofSeconds(60));
    }
    system.insides.putAll(insides);
    return system;
  }

  private final Map<String, Bridge> insides = new LinkedHashMap<>();

  /** Enrolls gateway {@code name} with a gateway token and starts it; waits for its first table. */
  GatewayProcess startGateway(String name, int hostIndex, Path token) {
    Namespace ns = lab.namespace("gw-" + name);
    ns.connect(underlay, lab.underlayCidr(hostIndex));
    ns.connect(insides.get(name), INSIDE.get(name) + "/16");
    ns.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
    var gateway =
        GatewayProcess.enrollAndStart(
            ns,
            token,
            lab.underlay(hostIndex) + ":" + GATEWAY_PORT,
            GATEWAY_PORT,
            PROTECTED.get(name));
    synchronized (gateways) {
      gateways.put(name, gateway);
    }
    return gateway;
  }

  /** A new device host on the underlay. */
  Namespace deviceHost(String name) {
    Namespace ns = lab.namespace(name);
    ns.connect(underlay, lab.underlayCidr(nextHost++));
    return ns;
  }
}
