package dev.cordon.policy.load;

import dev.cordon.policy.model.PostureCondition;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.TimeWindow;
import dev.cordon.policy.model.VersionNumber;
import dev.cordon.policy.model.VersionRange;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a rule's {@code when:} block: posture, time windows and sites. */
final class ConditionReader {
  private static final Pattern HOURS =
      Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private final Nodes nodes;

  ConditionReader(Nodes nodes) {
    this.nodes = nodes;
  }

  boolean read(Node n, String owner, Rule.Builder b) {
    Map<String, NodeTuple> f =
        nodes.fields(n, "\"when\" of " + owner, List.of("posture", "time", "sites"));
    boolean ok = true;
    if (f.containsKey("posture")) {
      PostureCondition p = posture(f.get("posture").getValueNode(), owner);
      if (p == null) ok = false;
      else b.posture(p);
    }
    if (f.containsKey("time")) {
      Node t = f.get("time").getValueNode();
      List<Node> windows = t instanceof SequenceNode s ? s.getValue() : List.of(t);
      for (Node w : windows) {
        TimeWindow tw = window(w, owner);
        if (tw == null) ok = false;
        else b.window(tw);
      }
    }
    if (f.containsKey("sites")) {
      for (ScalarNode s : nodes.scalars(f.get("sites").getValueNode(), "\"sites\" of " + owner)) {
        b.sites(s.getValue().strip());
      }
    }
    return ok;
  }

  private PostureCondition posture(Node n, String owner) {
    String what = "\"posture\" of " + owner;
    Map<String, NodeTuple> f = nodes.fields(n, what, List.of("firmware", "os", "min_patch_level"));
    boolean ok = !f.isEmpty();
    VersionRange firmware = null, os = null;
    LocalDate patch = null;
    if (f.containsKey("firmware")) {
      firmware = range(f.get("firmware").getValueNode(), "\"firmware\" of " + owner);
      ok &= firmware != null;
    }
    if (f.containsKey("os")) {
      os = range(f.get("os").getValueNode(), "\"os\" of " + owner);
      ok &= os != null;
    }
    if (f.containsKey("min_patch_level")) {
      Node p = f.get("min_patch_level").getValueNode();
      String text = nodes.scalar(p, "\"min_patch_level\" of " + owner);
      try {
        patch = text == null ? null : LocalDate.parse(text);
      } catch (DateTimeException e) {
        nodes.error(
            p,
            "\"min_patch_level\" of "
                + owner
                + " must be a date such as 2026-01-01, not \""
                + text
                + "\"");
      }
      ok &= patch != null;
    }
    return ok ? new PostureCondition(firmware, os, patch) : null;
  }

  private VersionRange range(Node n, String what) {
    Map<String, NodeTuple> f = nodes.fields(n, what, List.of("min", "below"));
    if (f.isEmpty()) {
      if (n instanceof org.yaml.snakeyaml.nodes.MappingNode) {
        nodes.error(n, what + " needs min: <version> and/or below: <version>");
      }
      return null;
    }
    VersionNumber min = f.containsKey("min") ? version(f.get("min").getValueNode(), what) : null;
    VersionNumber below =
        f.containsKey("below") ? version(f.get("below").getValueNode(), what) : null;
    if ((f.containsKey("min") && min == null) || (f.containsKey("below") && below == null))
      return null;
    try {
      return new VersionRange(min, below);
    } catch (IllegalArgumentException e) {
      nodes.error(n, what + ": " + e.getMessage() + "; min is inclusive and below exclusive");
      return null;
    }
  }

  private VersionNumber version(Node n, String what) {
    String text = nodes.scalar(n, what);
    if (text == null) return null;
    try {
      return VersionNumber.parse(text);
    } catch (IllegalArgumentException e) {
      nodes.error(n, what + ": " + e.getMessage());
      return null;
    }
  }

  private TimeWindow window(Node n, String owner) {
    String what = "\"time\" of " + owner;
    Map<String, NodeTuple> f = nodes.fields(n, what, List.of("zone", "days", "hours"));
    if (!(n instanceof org.yaml.snakeyaml.nodes.MappingNode)) return null;
    if (!nodes.require(n, f, what, "zone", "days", "hours")) return null;
    ZoneId zone = zone(f.get("zone").getValueNode(), what);
    Set<DayOfWeek> days = days(f.get("days").getValueNode(), what);
    int[] hours = hours(f.get("hours").getValueNode(), what);
    if (zone == null || days == null || hours == null) return null;
    try {
      return new TimeWindow(zone, days, hours[0], hours[1]);
    } catch (IllegalArgumentException e) {
      nodes.error(f.get("hours").getValueNode(), what + ": " + e.getMessage());
      return null;
    }
  }

  private ZoneId zone(Node n, String what) {
    String text = nodes.scalar(n, "\"zone\" of " + what);
    if (text == null) return null;
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      nodes.error(
          n,
          "\"zone\" of "
              + what
              + ": \""
              + text
              + "\" is not a time zone; write a name such as Europe/Berlin or UTC");
      return null;
    }
  }

  /** Day names (mon or monday) and ranges such as mon-fri, which may wrap (fri-mon). */
  private Set<DayOfWeek> days(Node n, String what) {
    EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    List<ScalarNode> items = nodes.scalars(n, "\"days\" of " + what);
    boolean ok = !items.isEmpty();
    if (items.isEmpty())
      nodes.error(n, "\"days\" of " + what + " is empty; list days such as mon-fri");
    for (ScalarNode s : items) {
      String text = s.getValue().strip().toLowerCase(Locale.ROOT);
      String[] ends = text.split("-", -1);
      DayOfWeek first = day(ends[0].strip());
      DayOfWeek last = ends.length == 2 ? day(ends[1].strip()) : first;
      if (ends.length > 2 || first == null || last == null) {
        nodes.error(
            s,
            "\"days\" of "
                + what
                + ": \""
                + s.getValue()
                + "\" is not a day; write mon, tue, ... sun or a range such as mon-fri");
        ok = false;
        continue;
      }
      for (DayOfWeek d = first; ; d = d.plus(1)) {
        out.add(d);
        if (d == last) break;
      }
    }
    return ok ? out : null;
  }

  private static DayOfWeek day(String text) {
    if (text.length() < 3) return null;
    int i = DAYS.indexOf(text.substring(0, 3));
    if (i < 0) return null;
    DayOfWeek d = DayOfWeek.of(i + 1);
    return d.name().toLowerCase(Locale.ROOT).startsWith(text) ? d : null;
  }

  private int[] hours(Node n, String what) {
    String text = nodes.scalar(n, "\"hours\" of " + what);
    if (text == null) return null;
    Matcher m = HOURS.matcher(text);
    if (m.matches()) {
      int start = minutes(m.group(1), m.group(2));
      int end = minutes(m.group(3), m.group(4));
      if (start >= 0 && start < TimeWindow.DAY_MINUTES && end >= 0) return new int[] {start, end};
    }
    nodes.error(
        n,
        "\"hours\" of "
            + what
            + ": \""
            + text
            + "\" is not a span of hours; write HH:MM-HH:MM such as 08:00-18:00 (22:00-06:00 crosses midnight)");
    return null;
  }

  private static int minutes(String h, String m) {
    int hh = Integer.parseInt(h);
    int mm = Integer.parseInt(m);
    if (mm > 59 || hh > 24 || (hh == 24 && mm != 0)) return -1;
    return hh * 60 + mm;
  }
}
