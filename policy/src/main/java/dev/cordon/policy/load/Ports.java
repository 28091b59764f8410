package dev.cordon.policy.load;

import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.PortSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code ports: [443, 8000-8100]}; each entry a port or an inclusive range. */
final class Ports {
  private Ports() {}

  /** ANY when the key is absent, null after reporting a problem. */
  static PortSet read(Nodes nodes, Map<String, NodeTuple> f, String owner) {
    if (!f.containsKey("ports")) return PortSet.ANY;
    List<PortRange> ranges = new ArrayList<>();
    boolean ok = true;
    List<ScalarNode> entries =
        nodes.scalars(f.get("ports").getValueNode(), "\"ports\" of " + owner);
    for (ScalarNode s : entries) {
      String text = s.getValue().strip();
      String problem = problem(text);
      if (problem != null) {
        nodes.error(s, owner + " has a bad port \"" + text + "\": " + problem);
        ok = false;
      } else {
        ranges.add(parse(text));
      }
    }
    if (entries.isEmpty()) {
      nodes.error(
          f.get("ports").getValueNode(),
          "\"ports\" of " + owner + " is empty; list ports or remove the key");
      return null;
    }
    return ok ? new PortSet(ranges) : null;
  }

  private static String problem(String text) {
    int dash = text.indexOf('-');
    String a = dash < 0 ? text : text.substring(0, dash).strip();
    String b = dash < 0 ? text : text.substring(dash + 1).strip();
    if (!isNumber(a) || !isNumber(b)) {
      return "write a port such as 443 or a range such as 8000-8100";
    }
    int lo = Integer.parseInt(a);
    int hi = Integer.parseInt(b);
    if (lo < PortRange.MIN || hi < PortRange.MIN || lo > PortRange.MAX || hi > PortRange.MAX) {
      return "ports are " + PortRange.MIN + "-" + PortRange.MAX;
    }
    if (lo > hi) return "the range ends before it starts; write " + hi + "-" + lo;
    return null;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.length() <= 6 && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static PortRange parse(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) return PortRange.of(Integer.parseInt(text));
    return new PortRange(
        Integer.parseInt(text.substring(0, dash).strip()),
        Integer.parseInt(text.substring(dash + 1).strip()));
  }
}
