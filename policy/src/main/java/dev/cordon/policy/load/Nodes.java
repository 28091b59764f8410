package dev.cordon.policy.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to a YAML node graph that records a {@link Problem} instead of throwing, so one pass
 * reports every mistake. Methods return null (or empty) after recording a problem.
 */
final class Nodes {
  private final List<Problem> problems;

  Nodes(List<Problem> problems) {
    this.problems = problems;
  }

  void error(Node at, String message) {
    error(at.getStartMark(), message);
  }

  void error(Mark at, String message) {
    problems.add(
        new Problem(Problem.Severity.ERROR, at.getLine() + 1, at.getColumn() + 1, message));
  }

  void warning(Mark at, String message) {
    problems.add(
        new Problem(Problem.Severity.WARNING, at.getLine() + 1, at.getColumn() + 1, message));
  }

  static String kind(Node n) {
    return switch (n) {
      case MappingNode m -> "a mapping";
      case SequenceNode s -> "a list";
      default -> "a single value";
    };
  }

  /**
   * The keys of a mapping in order, each with its value; reports duplicates and keys outside {@code
   * allowed} (naming the closest allowed key when one is near).
   */
  Map<String, NodeTuple> fields(Node n, String what, List<String> allowed) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    if (!(n instanceof MappingNode m)) {
      error(
          n,
          what + " must be a mapping of keys (" + String.join(", ", allowed) + "), not " + kind(n));
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(
            t.getKeyNode(),
            "keys in " + what + " must be plain words, not " + kind(t.getKeyNode()));
        continue;
      }
      String key = k.getValue();
      NodeTuple first = out.get(key);
      if (first != null) {
        error(
            k,
            "key \""
                + key
                + "\" appears twice in "
                + what
                + " (first on line "
                + (first.getKeyNode().getStartMark().getLine() + 1)
                + "); keep one");
        continue;
      }
      if (!allowed.contains(key)) {
        String near = Suggest.closest(key, allowed);
        error(
            k,
            "unknown key \""
                + key
                + "\" in "
                + what
                + (near == null ? "" : "; did you mean \"" + near + "\"?")
                + " allowed keys: "
                + String.join(", ", allowed));
        continue;
      }
      out.put(key, t);
    }
    return out;
  }

  /**
   * How to call a list item in messages before its keys are checked: {@code rule "cams"} when it
   * has a plain name, else {@code rule #3}.
   */
  static String label(Node item, String kind, int index) {
    if (item instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k
            && k.getValue().equals("name")
            && t.getValueNode() instanceof ScalarNode v
            && !v.getValue().isBlank()) {
          return kind + " \"" + v.getValue().strip() + "\"";
        }
      }
    }
    return kind + " #" + index;
  }

  /** Reports each required key that is missing from {@code fields}. */
  boolean require(Node at, Map<String, NodeTuple> fields, String what, String... keys) {
    boolean ok = true;
    for (String k : keys) {
      if (!fields.containsKey(k)) {
        error(at, what + " is missing the key \"" + k + "\"");
        ok = false;
      }
    }
    return ok;
  }

  String scalar(Node n, String what) {
    if (n instanceof ScalarNode s) {
      if (s.getValue().isBlank()) {
        error(n, what + " is empty; give it a value");
        return null;
      }
      return s.getValue().strip();
    }
    error(n, what + " must be a single value, not " + kind(n));
    return null;
  }

  List<Node> sequence(Node n, String what) {
    if (n instanceof SequenceNode s) return s.getValue();
    error(n, what + " must be a list, not " + kind(n));
    return List.of();
  }

  /** A single value or a list of single values (so {@code from: cameras} also works). */
  List<ScalarNode> scalars(Node n, String what) {
    List<ScalarNode> out = new ArrayList<>();
    if (n instanceof ScalarNode s) {
      if (!s.getValue().isBlank()) out.add(s);
      return out;
    }
    for (Node item : sequence(n, what)) {
      if (item instanceof ScalarNode s && !s.getValue().isBlank()) out.add(s);
      else error(item, "each entry of " + what + " must be a single value, not " + kind(item));
    }
    return out;
  }

  Boolean bool(Node n, String what) {
    String v = scalar(n, what);
    if (v == null) return null;
    if (Set.of("true", "yes", "on").contains(v.toLowerCase(Locale.ROOT))) return true;
    if (Set.of("false", "no", "off").contains(v.toLowerCase(Locale.ROOT))) return false;
    error(n, what + " must be true or false, not \"" + v + "\"");
    return null;
  }

  /** One of {@code choices} (case-insensitive), returned lower-case. */
  String choice(Node n, String what, List<String> choices) {
    String v = scalar(n, what);
    if (v == null) return null;
    String lower = v.toLowerCase(Locale.ROOT);
    if (choices.contains(lower)) return lower;
    error(n, what + " must be one of " + String.join(", ", choices) + ", not \"" + v + "\"");
    return null;
  }
}
