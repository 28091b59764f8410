package dev.cordon.policy.load;

import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.LabelSelector;
import dev.cordon.policy.model.Playbook;
import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Quarantine;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Turns the top-level mapping and its sections into model values, recording every problem. */
final class DocumentReader {
  static final List<String> TOP =
      List.of("version", "gateways", "segments", "services", "rules", "quarantine", "playbooks");
  static final String ANY = "any";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final List<String> PROTOCOLS = List.of("any", "tcp", "udp", "icmp");

  private final Nodes nodes;
  private final Draft draft = new Draft();
  private final ConditionReader conditions;

  DocumentReader(Nodes nodes) {
    this.nodes = nodes;
    this.conditions = new ConditionReader(nodes);
  }

  Draft read(Node root) {
    Map<String, NodeTuple> top = nodes.fields(root, "the policy document", TOP);
    if (top.containsKey("version")) version(top.get("version").getValueNode());
    each(top, "gateways", this::gateway);
    each(top, "segments", this::segment);
    each(top, "services", this::service);
    each(top, "rules", this::rule);
    each(top, "playbooks", this::playbook);
    if (top.containsKey("quarantine")) quarantine(top.get("quarantine"));
    return draft;
  }

  private void version(Node n) {
    String v = nodes.scalar(n, "version");
    if (v != null && !v.equals("1")) {
      nodes.error(n, "version " + v + " is not supported; this loader reads version: 1");
    }
  }

  private interface ItemReader {
    void read(Node item, int index);
  }

  private void each(Map<String, NodeTuple> top, String key, ItemReader reader) {
    NodeTuple t = top.get(key);
    if (t == null) return;
    List<Node> items = nodes.sequence(t.getValueNode(), "\"" + key + "\"");
    for (int i = 0; i < items.size(); i++) reader.read(items.get(i), i + 1);
  }

  /** Reads and checks a name, records its definition; null when unusable. */
  private String name(Map<String, NodeTuple> f, Node item, String kind, int index) {
    if (!f.containsKey("name")) {
      nodes.error(item, kind + " #" + index + " has no name; add name: <" + kind + "-name>");
      return null;
    }
    Node n = f.get("name").getValueNode();
    String name = nodes.scalar(n, "the name of " + kind + " #" + index);
    if (name == null) return null;
    if (!NAME.matcher(name).matches()) {
      nodes.error(
          n,
          kind
              + " name \""
              + name
              + "\" may hold only letters, digits, '.', '_' and '-' (up to 63), starting with a"
              + " letter or digit");
      return null;
    }
    if (name.equals(ANY)) {
      nodes.error(n, "\"any\" is reserved (it means every device); pick another " + kind + " name");
      return null;
    }
    draft.definitions.add(new Draft.Definition(kind, name, n.getStartMark()));
    return name;
  }

  private void gateway(Node item, int index) {
    if (item instanceof ScalarNode s) {
      Map<String, NodeTuple> f = Map.of("name", new NodeTuple(s, s));
      String name = name(f, item, "gateway", index);
      if (name != null) draft.gateways.add(new Gateway(name, false));
      return;
    }
    Map<String, NodeTuple> f =
        nodes.fields(item, Nodes.label(item, "gateway", index), List.of("name", "relay"));
    String name = name(f, item, "gateway", index);
    Boolean relay =
        f.containsKey("relay")
            ? nodes.bool(f.get("relay").getValueNode(), "\"relay\" of gateway #" + index)
            : Boolean.FALSE;
    if (name != null && relay != null) draft.gateways.add(new Gateway(name, relay));
  }

  private void segment(Node item, int index) {
    Map<String, NodeTuple> f =
        nodes.fields(
            item, Nodes.label(item, "segment", index), List.of("name", "devices", "match"));
    String name = name(f, item, "segment", index);
    String owner = name == null ? "segment #" + index : "segment \"" + name + "\"";
    Set<String> devices = new LinkedHashSet<>();
    if (f.containsKey("devices")) {
      for (ScalarNode s :
          nodes.scalars(f.get("devices").getValueNode(), "\"devices\" of " + owner)) {
        devices.add(s.getValue().strip());
      }
    }
    var selectors = new ArrayList<LabelSelector>();
    boolean ok = true;
    if (f.containsKey("match")) {
      for (ScalarNode s : nodes.scalars(f.get("match").getValueNode(), "\"match\" of " + owner)) {
        try {
          selectors.add(LabelSelector.parse(s.getValue()));
        } catch (IllegalArgumentException e) {
          nodes.error(s, owner + " has a bad selector: " + e.getMessage());
          ok = false;
        }
      }
    }
    // Neither devices nor match is fine: enrollment tokens that name the segment fill it.
    if (ok && name != null) draft.segments.add(new Segment(name, devices, selectors));
  }

  private void service(Node item, int index) {
    Map<String, NodeTuple> f =
        nodes.fields(
            item,
            Nodes.label(item, "service", index),
            List.of("name", "gateway", "address", "protocol", "ports"));
    String name = name(f, item, "service", index);
    String owner = name == null ? "service #" + index : "service \"" + name + "\"";
    boolean ok = nodes.require(item, f, owner, "gateway", "address") && name != null;
    String gateway = null;
    if (f.containsKey("gateway")) {
      Node g = f.get("gateway").getValueNode();
      gateway = nodes.scalar(g, "\"gateway\" of " + owner);
      if (gateway != null) {
        draft.references.add(new Draft.Reference(owner, "gateway", gateway, g.getStartMark()));
      }
    }
    IpPrefix prefix =
        f.containsKey("address") ? address(f.get("address").getValueNode(), owner) : null;
    Protocol protocol = protocol(f, owner);
    PortSet ports = Ports.read(nodes, f, owner);
    ok &= gateway != null && prefix != null && protocol != null && ports != null;
    if (ok && protocol == Protocol.ICMP && !ports.isAny()) {
      nodes.error(
          f.get("ports").getKeyNode(),
          owner
              + " lists ports but its protocol is icmp, which has none; remove ports or use tcp"
              + " or udp");
      ok = false;
    }
    if (ok) draft.services.add(new Service(name, gateway, prefix, protocol, ports));
  }

  private IpPrefix address(Node n, String owner) {
    String text = nodes.scalar(n, "\"address\" of " + owner);
    if (text == null) return null;
    try {
      return IpPrefix.parse(text);
    } catch (IllegalArgumentException e) {
      nodes.error(
          n,
          owner
              + " has a bad address \""
              + text
              + "\": "
              + e.getMessage()
              + "; write an address such as 10.20.0.5 or a prefix such as 10.20.0.0/24");
      return null;
    }
  }

  private Protocol protocol(Map<String, NodeTuple> f, String owner) {
    if (!f.containsKey("protocol")) return Protocol.ANY;
    String p =
        nodes.choice(f.get("protocol").getValueNode(), "\"protocol\" of " + owner, PROTOCOLS);
    return p == null ? null : Protocol.valueOf(p.toUpperCase(Locale.ROOT));
  }

  private void rule(Node item, int index) {
    Map<String, NodeTuple> f =
        nodes.fields(
            item,
            Nodes.label(item, "rule", index),
            List.of("name", "action", "from", "to", "protocol", "ports", "when"));
    String name = name(f, item, "rule", index);
    String owner = name == null ? "rule #" + index : "rule \"" + name + "\"";
    boolean ok = nodes.require(item, f, owner, "action", "from", "to") && name != null;
    if (name != null) draft.ruleAt.putIfAbsent(name, f.get("name").getValueNode().getStartMark());
    String action =
        f.containsKey("action")
            ? nodes.choice(
                f.get("action").getValueNode(), "\"action\" of " + owner, List.of("allow", "deny"))
            : null;
    Rule.Builder b =
        "deny".equals(action) ? Rule.deny(String.valueOf(name)) : Rule.allow(String.valueOf(name));
    ok &= action != null;
    if (f.containsKey("from")) ok &= from(f.get("from").getValueNode(), owner, b);
    if (f.containsKey("to")) ok &= to(f.get("to").getValueNode(), owner, b);
    Protocol protocol = protocol(f, owner);
    PortSet ports = Ports.read(nodes, f, owner);
    ok &= protocol != null && ports != null;
    if (ok && protocol == Protocol.ICMP && !ports.isAny()) {
      nodes.error(
          f.get("ports").getKeyNode(),
          owner
              + " lists ports but its protocol is icmp, which has none; remove ports or use tcp"
              + " or udp");
      ok = false;
    }
    if (ok) {
      b.protocol(protocol).ports(ports.ranges().toArray(new PortRange[0]));
    }
    if (f.containsKey("when")) ok &= conditions.read(f.get("when").getValueNode(), owner, b);
    if (ok) draft.rules.add(b.build());
  }

  private boolean from(Node n, String owner, Rule.Builder b) {
    List<ScalarNode> names = nodes.scalars(n, "\"from\" of " + owner);
    if (names.isEmpty()) {
      nodes.error(n, "\"from\" of " + owner + " is empty; name segments or write from: any");
      return false;
    }
    for (ScalarNode s : names) {
      String seg = s.getValue().strip();
      if (seg.equals(ANY)) {
        if (names.size() > 1) {
          nodes.error(
              s, "\"from\" of " + owner + " mixes any with segments; any already covers them");
          return false;
        }
        b.fromAny();
      } else {
        b.from(seg);
        draft.references.add(new Draft.Reference(owner, "segment", seg, s.getStartMark()));
      }
    }
    return true;
  }

  private boolean to(Node n, String owner, Rule.Builder b) {
    Map<String, NodeTuple> f =
        nodes.fields(n, "\"to\" of " + owner, List.of("services", "segments"));
    if (f.isEmpty()) {
      if (n instanceof org.yaml.snakeyaml.nodes.MappingNode) {
        nodes.error(
            n, "\"to\" of " + owner + " is empty; add services: [...] and/or segments: [...]");
      }
      return false;
    }
    int count = 0;
    for (String kind : List.of("services", "segments")) {
      if (!f.containsKey(kind)) continue;
      String singular = kind.substring(0, kind.length() - 1);
      for (ScalarNode s :
          nodes.scalars(f.get(kind).getValueNode(), "\"to." + kind + "\" of " + owner)) {
        String target = s.getValue().strip();
        count++;
        if (kind.equals("services")) b.toServices(target);
        else b.toSegments(target);
        draft.references.add(new Draft.Reference(owner, singular, target, s.getStartMark()));
      }
    }
    if (count == 0) {
      nodes.error(
          n, "\"to\" of " + owner + " names nothing; add services: [...] and/or segments: [...]");
      return false;
    }
    return true;
  }

  private void quarantine(NodeTuple t) {
    Node n = t.getValueNode();
    draft.quarantineAt = t.getKeyNode().getStartMark();
    Map<String, NodeTuple> f = nodes.fields(n, "\"quarantine\"", List.of("segment", "reach"));
    if (!nodes.require(n, f, "\"quarantine\"", "segment")) return;
    Node segNode = f.get("segment").getValueNode();
    String segment = nodes.scalar(segNode, "\"segment\" of quarantine");
    if (segment == null) return;
    if (!NAME.matcher(segment).matches() || segment.equals(ANY)) {
      nodes.error(segNode, "quarantine segment name \"" + segment + "\" is not a valid name");
      return;
    }
    draft.definitions.add(new Draft.Definition("segment", segment, segNode.getStartMark()));
    Set<String> services = new LinkedHashSet<>();
    Set<String> segments = new LinkedHashSet<>();
    if (f.containsKey("reach")) {
      Map<String, NodeTuple> r =
          nodes.fields(
              f.get("reach").getValueNode(),
              "\"reach\" of quarantine",
              List.of("services", "segments"));
      String owner = "quarantine";
      for (String kind : List.of("services", "segments")) {
        if (!r.containsKey(kind)) continue;
        String singular = kind.substring(0, kind.length() - 1);
        for (ScalarNode s :
            nodes.scalars(r.get(kind).getValueNode(), "\"reach." + kind + "\" of quarantine")) {
          String target = s.getValue().strip();
          (kind.equals("services") ? services : segments).add(target);
          draft.references.add(new Draft.Reference(owner, singular, target, s.getStartMark()));
        }
      }
    }
    draft.quarantine = new Quarantine(segment, services, segments);
  }

  private void playbook(Node item, int index) {
    Map<String, NodeTuple> f =
        nodes.fields(
            item,
            Nodes.label(item, "playbook", index),
            List.of("name", "trigger", "action", "segments"));
    String name = name(f, item, "playbook", index);
    String owner = name == null ? "playbook #" + index : "playbook \"" + name + "\"";
    boolean ok = nodes.require(item, f, owner, "trigger", "action") && name != null;
    if (name != null)
      draft.playbookAt.putIfAbsent(name, f.get("name").getValueNode().getStartMark());
    String trigger =
        f.containsKey("trigger")
            ? nodes.choice(
                f.get("trigger").getValueNode(),
                "\"trigger\" of " + owner,
                List.of("anomaly", "posture_failed"))
            : null;
    String action =
        f.containsKey("action")
            ? nodes.choice(
                f.get("action").getValueNode(),
                "\"action\" of " + owner,
                List.of("quarantine", "notify"))
            : null;
    Set<String> segments = new LinkedHashSet<>();
    if (f.containsKey("segments")) {
      for (ScalarNode s :
          nodes.scalars(f.get("segments").getValueNode(), "\"segments\" of " + owner)) {
        segments.add(s.getValue().strip());
        draft.references.add(
            new Draft.Reference(owner, "segment", s.getValue().strip(), s.getStartMark()));
      }
    }
    if (ok && trigger != null && action != null) {
      draft.playbooks.add(
          new Playbook(
              name,
              Playbook.Trigger.valueOf(trigger.toUpperCase(Locale.ROOT)),
              Playbook.Response.valueOf(action.toUpperCase(Locale.ROOT)),
              segments));
    }
  }
}
