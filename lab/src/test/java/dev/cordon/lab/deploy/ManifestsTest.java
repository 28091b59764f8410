package dev.cordon.lab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class ManifestsTest {

  private static final Path DEPLOY = RepoFiles.root().resolve("deploy");

  private static List<Map<String, Object>> documents(Path file) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc :
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(RepoFiles.read(file))) {
      if (doc != null) {
        out.add(map(doc, file + ": a document"));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    assertTrue(o instanceof Map, what + " is not a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o, String what) {
    assertTrue(o instanceof List, what + " is not a list: " + o);
    return (List<Object>) o;
  }

  private static Object at(Map<String, Object> m, String... path) {
    Object o = m;
    for (String key : path) {
      o = map(o, String.join(".", path)).get(key);
      assertNotNull(o, "missing " + String.join(".", path));
    }
    return o;
  }

  private static List<Map<String, Object>> kubernetes() {
    List<Map<String, Object>> all = new ArrayList<>();
    RepoFiles.files(DEPLOY.resolve("kubernetes"), ".yaml").forEach(f -> all.addAll(documents(f)));
    return all;
  }

  private static Map<String, Object> object(String kind, String name) {
    return kubernetes().stream()
        .filter(
            d ->
                kind.equals(d.get("kind")) && name.equals(map(d.get("metadata"), kind).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/kubernetes"));
  }

  private static Map<String, Object> firstContainer(Map<String, Object> workload) {
    return map(
        list(at(workload, "spec", "template", "spec", "containers"), "containers").getFirst(),
        "container");
  }

  @Test
  void every_kubernetes_object_names_its_kind_api_version_and_name() {
    List<Map<String, Object>> objects = kubernetes();
    assertTrue(objects.size() >= 8, "objects: " + objects.size());
    for (Map<String, Object> o : objects) {
      assertTrue(o.get("apiVersion") instanceof String s && !s.isBlank(), "apiVersion in " + o);
      assertTrue(o.get("kind") instanceof String s && !s.isBlank(), "kind in " + o);
      assertTrue(at(o, "metadata", "name") instanceof String, "metadata.name in " + o.get("kind"));
      if (List.of("StatefulSet", "DaemonSet", "Deployment").contains(o.get("kind"))) {
        Map<String, Object> c = firstContainer(o);
        assertTrue(c.get("image") instanceof String s && !s.isBlank(), "image of " + o.get("kind"));
        assertFalse(list(at(c, "command"), "command").isEmpty(), "command of " + o.get("kind"));
        // The selector must select the pods the template makes, or the API server refuses it.
        assertEquals(
            at(o, "spec", "selector", "matchLabels"),
            at(o, "spec", "template", "metadata", "labels"));
      }
    }
  }

  @Test
  void controllers_are_three_replicas_on_the_etcd_store_behind_a_service_on_7443() {
    Map<String, Object> sts = object("StatefulSet", "cordon-controller");
    assertEquals(3, at(sts, "spec", "replicas"));
    List<Object> command = list(at(firstContainer(sts), "command"), "command");
    assertEquals("/opt/cordon/bin/cordon", command.getFirst());
    assertEquals("controller", command.get(1));
    assertTrue(
        command.stream().anyMatch(a -> a.toString().startsWith("--store=etcd://")),
        command.toString());
    assertTrue(command.contains("--listen=0.0.0.0:7443"), command.toString());
    Map<String, Object> service = object("Service", "cordon-controller");
    assertTrue(
        list(at(service, "spec", "ports"), "ports").stream()
            .anyMatch(p -> Integer.valueOf(7443).equals(map(p, "port").get("port"))));
    // The shared CA comes from a Secret, so every replica serves the same trust anchor.
    assertTrue(
        RepoFiles.read(DEPLOY.resolve("kubernetes/controller.yaml"))
            .contains("secretName: cordon-ca"));
  }

  @Test
  void etcd_is_a_three_member_cluster_whose_initial_cluster_names_every_member() {
    Map<String, Object> sts = object("StatefulSet", "etcd");
    assertEquals(3, at(sts, "spec", "replicas"));
    List<Object> command = list(at(firstContainer(sts), "command"), "command");
    String initial =
        command.stream()
            .map(Object::toString)
            .filter(a -> a.startsWith("--initial-cluster="))
            .findFirst()
            .orElseThrow();
    for (int i = 0; i < 3; i++) {
      assertTrue(initial.contains("etcd-" + i + "=http://etcd-" + i + ".etcd."), initial);
    }
  }

  @Test
  void gateways_are_a_host_network_daemon_set_with_net_admin_only_and_the_tun_device() {
    Map<String, Object> ds = object("DaemonSet", "cordon-gateway");
    assertEquals(Boolean.TRUE, at(ds, "spec", "template", "spec", "hostNetwork"));
    Map<String, Object> c = firstContainer(ds);
    assertEquals(List.of("NET_ADMIN"), at(c, "securityContext", "capabilities", "add"));
    assertEquals(List.of("ALL"), at(c, "securityContext", "capabilities", "drop"));
    assertEquals(
        false, map(at(c, "securityContext"), "securityContext").getOrDefault("privileged", false));
    List<Object> command = list(at(c, "command"), "command");
    assertEquals("gateway", command.get(1));
    assertTrue(
        list(at(ds, "spec", "template", "spec", "volumes"), "volumes").stream()
            .map(v -> map(v, "volume").get("hostPath"))
            .anyMatch(h -> h != null && "/dev/net/tun".equals(map(h, "hostPath").get("path"))));
  }

  @Test
  void the_compose_file_runs_etcd_a_controller_on_etcd_and_a_gateway_with_net_admin() {
    List<Map<String, Object>> docs = documents(DEPLOY.resolve("compose/compose.yaml"));
    assertEquals(1, docs.size());
    Map<String, Object> services = map(at(docs.getFirst(), "services"), "services");
    assertEquals(java.util.Set.of("etcd", "controller", "gateway"), services.keySet());
    for (String name : services.keySet()) {
      Map<String, Object> s = map(services.get(name), name);
      assertTrue(s.get("image") instanceof String, name + " has no image");
      assertFalse(list(s.get("command"), name + ".command").isEmpty());
    }
    Map<String, Object> controller = map(services.get("controller"), "controller");
    assertEquals("controller", list(controller.get("command"), "command").getFirst());
    assertTrue(list(controller.get("command"), "command").contains("--store=etcd://etcd:2379"));
    Map<String, Object> gateway = map(services.get("gateway"), "gateway");
    assertEquals(List.of("NET_ADMIN"), gateway.get("cap_add"));
    assertEquals(List.of("/dev/net/tun:/dev/net/tun"), gateway.get("devices"));
    assertEquals("host", gateway.get("network_mode"));
  }
}
