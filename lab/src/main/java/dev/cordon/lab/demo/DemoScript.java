package dev.cordon.lab.demo;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabException;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.system.CordonCli;
import dev.cordon.lab.system.StockDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The demo's story, in order: build, enroll, apply, try every flow, revoke, quarantine. */
final class DemoScript {
  /** An allowed flow's first packet waits for a handshake: it gets this long to get through. */
  static final Duration FIRST_HANDSHAKE = Duration.ofSeconds(15);

  static final Duration TABLE_DEADLINE = Duration.ofSeconds(20);
  static final long SERVICE_SECONDS = 900;
  static final long KEPT_SERVICE_SECONDS = 24 * 3600;

  private final Lab lab;
  private final Narrator say;
  private final Path policy;
  private final boolean keep;
  private final Map<String, DemoDevice> devices =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private DemoSystem system;

  DemoScript(Lab lab, Narrator say, Path policy, boolean keep) {
    this.lab = lab;
    this.say = say;
    this.policy = policy;
    this.keep = keep;
  }

  /** Runs the story; returns how many flows disagreed with the policy's what-if. */
  int run() {
    say.step("lab " + lab.prefix() + "*: building namespaces and starting the controller");
    system = DemoSystem.start(lab, keep ? KEPT_SERVICE_SECONDS : SERVICE_SECONDS, say);
    var tokens = new LinkedHashMap<String, Path>();
    Parallel.run(
        List.of(
            () -> {
              system.admin.ok(
                  "policy", "apply", "-f", policy.toString(), "-m", "demo: example policy");
              say.step("applied " + policy + " (cordon policy apply -f)");
            },
            () -> tokens.putAll(createTokens())));
    say.step("created enrollment tokens (cordon token create): hq, plant and four devices");
    var steps = new ArrayList<Runnable>();
    for (String gw : List.of("hq", "plant")) {
      steps.add(
          () -> {
            system.startGateway(gw, gw.equals("hq") ? 1 : 2, tokens.get(gw));
            say.step(
                "gateway "
                    + gw
                    + " ready (enrolled with a gateway token), protects "
                    + DemoSystem.PROTECTED.get(gw));
          });
    }
    for (String name : List.of("camera-1", "thermostat-1", "lock-1")) {
      Namespace ns = system.deviceHost(name);
      steps.add(() -> agent(ns, name, TYPES.get(name), tokens));
    }
    Namespace sensorHost = system.deviceHost("sensor-1");
    steps.add(
        () ->
            stockIn(
                sensorHost,
                "sensor-1",
                tokens.get("sensor-1"),
                "stock wireguard-go (wg-quick file)"));
    Parallel.run(steps, 2);

    int mismatches = flows();
    mismatches += revocation(devices.get("camera-1"));
    mismatches += quarantine(devices.get("lock-1"));
    say.line("");
    say.step(
        mismatches == 0
            ? "done: every connection matched the policy's what-if"
            : "done: " + mismatches + " MISMATCH(ES) between policy and connections (see above)");
    return mismatches;
  }

  static final Map<String, String> TYPES =
      Map.of(
          "camera-1",
          "camera",
          "thermostat-1",
          "thermostat",
          "lock-1",
          "lock",
          "sensor-1",
          "sensor");

  /** Gateway and device tokens, each in a 0600 file; created in one CLI batch. */
  private Map<String, Path> createTokens() {
    var names = List.of("hq", "plant", "camera-1", "thermostat-1", "lock-1", "sensor-1");
    var commands = new ArrayList<List<String>>();
    for (String name : names) {
      commands.add(
          admin(
              TYPES.containsKey(name)
                  ? List.of("token", "create", "-q", "--name", name, "--type", TYPES.get(name))
                  : List.of("token", "create", "-q", "--kind", "gateway", "--name", name)));
    }
    var results = CordonBatch.run(system.controller.namespace(), commands);
    var files = new LinkedHashMap<String, Path>();
    for (int i = 0; i < names.size(); i++) {
      files.put(names.get(i), Secrets.tokenFile(lab, names.get(i), results.get(i)));
    }
    return files;
  }

  /** {@code verb} with the owner credential and controller address appended. */
  private List<String> admin(List<String> verb) {
    var argv = new ArrayList<>(verb);
    argv.addAll(
        List.of(
            "--controller",
            system.controller.address(),
            "--admin-credential",
            system.controller.ownerCredential().toString()));
    return argv;
  }

  private void agent(Namespace ns, String name, String type, Map<String, Path> tokens) {
    AgentDevice agent;
    try {
      agent = AgentDevice.enroll(name, ns, tokens.get(name));
      agent.up();
    } catch (LabException e) {
      say.step("agent unavailable for " + name + ": " + firstLine(e.getMessage()));
      Path again = system.admin.createToken("--name", name, "--type", type);
      stockIn(ns, name, again, "stock wireguard-go (agent unavailable: stock WireGuard used)");
      return;
    }
    devices.put(name, agent);
    say.step(name + " enrolled (--type " + type + ") and running the agent: " + agent.deviceId());
  }

  private void stockIn(Namespace ns, String name, Path token, String why) {
    StockDevice device = StockDevice.enroll(ns, token);
    device.up();
    int peers = device.config().peers().size();
    if (peers == 1) {
      // Untrusted device: let it send everywhere, so only the gateway stands in the way.
      for (String prefix : DemoSystem.PROTECTED.values()) {
        device.widen(prefix);
      }
    }
    devices.put(name, new StockSensor(name, device, why));
    say.step(
        name
            + " enrolled (--type "
            + TYPES.get(name)
            + "), "
            + why
            + " with "
            + peers
            + " gateway peer(s) in its generated file: "
            + device.deviceId());
  }

  static final List<String[]> FLOWS =
      List.of(
          new String[] {"camera-1", "video-store"},
          new String[] {"camera-1", "hr-db"},
          new String[] {"camera-1", "patch-server"},
          new String[] {"camera-1", "hvac"},
          new String[] {"thermostat-1", "hvac"},
          new String[] {"thermostat-1", "hr-db"},
          new String[] {"thermostat-1", "video-store"},
          new String[] {"lock-1", "video-store"},
          new String[] {"lock-1", "patch-server"},
          new String[] {"sensor-1", "video-store"},
          new String[] {"sensor-1", "hr-db"},
          new String[] {"sensor-1", "hvac"});

  private int flows() {
    say.line("");
    say.line(WorkingHours.now().explain());
    say.step(
        "trying every flow: the policy what-if (cordon policy test) and a real TCP connection");
    var flows = new ArrayList<FlowRow.Key>();
    for (String[] f : FLOWS) {
      flows.add(new FlowRow.Key(devices.get(f[0]), Service.named(f[1])));
    }
    var listing = new ArrayList<List<String>>();
    listing.add(admin(List.of("device", "list")));
    var rows = check(flows, listing);
    say.line("");
    say.line("Devices (cordon device list):");
    indent(lastListing);
    say.line("");
    say.line("FLOWS");
    say.line(FlowRow.table(rows));
    return (int) rows.stream().filter(r -> !r.agrees()).count();
  }

  private String lastListing = "";

  /**
   * The what-ifs of every flow (with {@code extra} commands first, their output kept in {@link
   * #lastListing}) in one CLI batch, while the connections are tried, one device after another per
   * device in parallel. An allowed flow may wait for its first handshake.
   */
  private List<FlowRow> check(List<FlowRow.Key> flows, List<List<String>> extra) {
    var commands = new ArrayList<List<String>>(extra);
    for (var f : flows) {
      commands.add(
          admin(
              List.of(
                  "policy",
                  "test",
                  "--device",
                  f.device().deviceId(),
                  "--service",
                  f.service().name(),
                  "--proto",
                  "tcp",
                  "--port",
                  Integer.toString(f.service().port()))));
    }
    var results = new java.util.concurrent.ConcurrentHashMap<Integer, Object>();
    var probes = new ArrayList<Runnable>();
    probes.add(
        () -> {
          var r = CordonBatch.run(system.controller.namespace(), commands);
          for (int i = 0; i < r.size(); i++) {
            results.put(-1 - i, r.get(i));
          }
        });
    var byDevice = new LinkedHashMap<DemoDevice, List<Integer>>();
    for (int i = 0; i < flows.size(); i++) {
      byDevice.computeIfAbsent(flows.get(i).device(), d -> new ArrayList<>()).add(i);
    }
    for (var e : byDevice.entrySet()) {
      probes.add(
          () -> {
            for (int i : e.getValue()) {
              results.put(i, e.getKey().attempt(flows.get(i).service()));
            }
          });
    }
    Parallel.run(probes);
    if (!extra.isEmpty()) {
      lastListing = ((dev.cordon.lab.Result) results.get(-1)).stdout();
    }
    var rows = new ArrayList<FlowRow>();
    for (int i = 0; i < flows.size(); i++) {
      var f = flows.get(i);
      WhatIf whatIf = WhatIf.parse((dev.cordon.lab.Result) results.get(-1 - extra.size() - i));
      Attempt attempt = (Attempt) results.get(i);
      long deadline = System.nanoTime() + FIRST_HANDSHAKE.toNanos();
      while (whatIf.allowed() && !attempt.reached() && System.nanoTime() - deadline < 0) {
        pause();
        attempt = f.device().attempt(f.service());
      }
      rows.add(new FlowRow(f.device(), f.service(), whatIf, attempt));
    }
    return rows;
  }

  private static void pause() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted", e);
    }
  }

  private int revocation(DemoDevice device) {
    say.line("");
    say.line("REVOCATION of " + device.name() + " (" + device.deviceId() + ")");
    var holding = java.util.Collections.synchronizedList(new ArrayList<String>());
    var asks = new ArrayList<Runnable>();
    for (var e : system.gateways.entrySet()) {
      asks.add(
          () -> {
            if (e.getValue().status().peers().containsKey(device.deviceId())) {
              holding.add(e.getKey());
            }
          });
    }
    Parallel.run(asks);
    String key = device.publicKey();
    system.admin.ok("device", "revoke", device.deviceId(), "--reason", "demo: stolen device");
    say.step("cordon device revoke " + device.deviceId());
    double slowest = -1;
    for (var e : system.gateways.entrySet()) {
      if (!holding.contains(e.getKey())) {
        say.line(
            "  gateway "
                + e.getKey()
                + ": had no tunnel for "
                + device.name()
                + ", nothing to cut");
        continue;
      }
      var m =
          e.getValue()
              .awaitOutput(
                  Pattern.compile(
                      "revoked peer=" + Pattern.quote(key) + " enforced-in-ms=([0-9.]+)"),
                  TABLE_DEADLINE);
      double ms = Double.parseDouble(m.group(1));
      slowest = Math.max(slowest, ms);
      say.line("  gateway " + e.getKey() + ": " + m.group());
    }
    say.line("  gateways (cordon gateway list):");
    String listed = system.admin.ok("gateway", "list").stdout();
    indent(listed);
    if (listed.lines().anyMatch(l -> l.matches("^\\S+\\s+no\\s.*"))) {
      say.line(
          "  (!) gateway list shows a gateway as not connected, yet each gateway applied"
              + " tables from the controller just now (see above): a reporting bug, not trusted here");
    }
    if (device instanceof AgentDevice agent) {
      try {
        Await.until(
            device.name() + "'s agent to exit", TABLE_DEADLINE, () -> !agent.process().isAlive());
        say.line(
            "  agent of "
                + device.name()
                + " exited with "
                + agent.process().exitCode()
                + " (5: revoked, tunnels torn down)");
      } catch (Await.TimedOut e) {
        say.line("  agent of " + device.name() + " is STILL RUNNING after the revocation");
      }
    }
    Attempt after = device.attempt(Service.VIDEO_STORE);
    say.line(
        "  "
            + device.name()
            + " -> "
            + Service.VIDEO_STORE.label()
            + " after revocation: "
            + (after.reached() ? "REACHED (not enforced!)" : "denied, " + after.detail()));
    if (holding.isEmpty()) {
      say.line("revocation enforced: no gateway held a tunnel for " + device.name());
    } else {
      say.line(
          String.format(
              java.util.Locale.ROOT,
              "revocation enforced by every gateway holding %s (%s): slowest %.3f ms",
              device.name(),
              String.join(", ", holding),
              slowest));
    }
    return after.reached() ? 1 : 0;
  }

  private int quarantine(DemoDevice device) {
    say.line("");
    say.line("QUARANTINE of " + device.name() + " (" + device.deviceId() + ")");
    system.admin.ok("device", "quarantine", device.deviceId(), "--reason", "demo: odd traffic");
    say.step("cordon device quarantine " + device.deviceId());
    if (device instanceof AgentDevice agent) {
      agent.awaitOutput(Pattern.compile("This device is quarantined"), TABLE_DEADLINE);
    }
    var flows = new ArrayList<FlowRow.Key>();
    for (Service s : Service.ALL) {
      flows.add(new FlowRow.Key(device, s));
    }
    var rows = check(flows, List.of());
    say.line(FlowRow.table(rows));
    String reachable =
        String.join(
            ", ",
            rows.stream()
                .filter(r -> r.attempt().reached())
                .map(r -> r.service().label())
                .toList());
    say.line("reachable while quarantined: " + (reachable.isEmpty() ? "nothing" : reachable));
    return (int) rows.stream().filter(r -> !r.agrees()).count();
  }

  /** How to use the kept lab: the exact commands, with this run's names and paths. */
  void printKeepInstructions() {
    String ns = system.controller.namespace().name();
    String cli = "ip netns exec " + ns + " " + CordonCli.launcher().toAbsolutePath();
    String opts =
        " --controller "
            + system.controller.address()
            + " --admin-credential "
            + system.controller.ownerCredential();
    say.line("");
    say.line("The lab keeps running (KEEP=1). Use the cordon CLI inside it, as root:");
    say.line("  " + cli + " device list" + opts);
    say.line("  " + cli + " gateway list" + opts);
    say.line("  " + cli + " policy show" + opts);
    say.line(
        "  "
            + cli
            + " policy test --device "
            + devices.get("sensor-1").deviceId()
            + " --service video-store --proto tcp --port 443"
            + opts);
    say.line("  " + cli + " audit" + opts);
    say.line(
        "Gateway status: ip netns exec "
            + system.gateways.get("hq").namespace().name()
            + " "
            + CordonCli.launcher().toAbsolutePath()
            + " gateway status --state-dir "
            + lab.runDirectory()
                .resolve("gateway-" + system.gateways.get("hq").namespace().role()));
    say.line("Namespaces: ip netns list | grep " + lab.prefix());
    say.line("Logs and state: " + lab.runDirectory());
    say.line("Tear it down later (as root, from the repository):");
    Path dist = Path.of(System.getProperty("cordon.dist.dir")).toAbsolutePath();
    say.line(
        "  "
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + " -cp \""
            + CordonBatch.labClasses()
            + ":"
            + dist.resolve("lib")
            + "/*\" "
            + Demo.class.getName()
            + " --teardown");
    say.line(
        "  (or: for n in $(ip netns list | grep -o '^"
            + lab.prefix()
            + "[^ ]*'); do ip netns pids $n | xargs -r kill; ip netns delete $n; done)");
  }

  private void indent(String text) {
    text.strip().lines().forEach(l -> say.line("    " + l));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().lines().findFirst().orElse("");
  }
}
