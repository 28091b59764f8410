package dev.cordon.controller.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines (longest common subsequence, three lines of context). The
 * table is bounded: past {@link #MAX_CELLS} cells the changed middle is shown as one replacement,
 * which is still a correct diff, only a coarser one.
 */
final class UnifiedDiff {
  static final long MAX_CELLS = 4_000_000;
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** An empty string when the texts are equal. */
  static String of(String oldLabel, String oldText, String newLabel, String newText) {
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    List<Line> script = script(a, b);
    if (script.stream().allMatch(l -> l.tag == ' ')) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldLabel).append('\n');
    out.append("+++ ").append(newLabel).append('\n');
    hunks(script, out);
    return out.toString();
  }

  private record Line(char tag, String text, int oldNo, int newNo) {}

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String[] parts = text.split("\r?\n", -1);
    int n = text.endsWith("\n") ? parts.length - 1 : parts.length;
    return List.of(parts).subList(0, n);
  }

  /** The edit script: every line of both texts tagged ' ', '-' or '+', in order. */
  private static List<Line> script(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < prefix; i++) {
      out.add(new Line(' ', a.get(i), i + 1, i + 1));
    }
    middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix, out);
    for (int k = suffix; k > 0; k--) {
      int i = a.size() - k;
      int j = b.size() - k;
      out.add(new Line(' ', a.get(i), i + 1, j + 1));
    }
    return out;
  }

  private static void middle(List<String> a, List<String> b, int offset, List<Line> out) {
    int n = a.size();
    int m = b.size();
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      for (int i = 0; i < n; i++) out.add(new Line('-', a.get(i), offset + i + 1, 0));
      for (int j = 0; j < m; j++) out.add(new Line('+', b.get(j), 0, offset + j + 1));
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        out.add(new Line(' ', a.get(i), offset + ++i, offset + ++j));
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add(new Line('-', a.get(i), offset + ++i, 0));
      } else {
        out.add(new Line('+', b.get(j), 0, offset + ++j));
      }
    }
  }

  private static void hunks(List<Line> script, StringBuilder out) {
    int k = 0;
    while (k < script.size()) {
      if (script.get(k).tag == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      int quiet = 0;
      while (end < script.size() && quiet <= 2 * CONTEXT) {
        quiet = script.get(end).tag == ' ' ? quiet + 1 : 0;
        end++;
      }
      end = Math.min(script.size(), end - Math.max(0, quiet - CONTEXT));
      hunk(script.subList(start, end), out);
      k = end;
    }
  }

  private static void hunk(List<Line> lines, StringBuilder out) {
    int oldStart = 0;
    int newStart = 0;
    int oldCount = 0;
    int newCount = 0;
    for (Line l : lines) {
      if (l.tag != '+') {
        oldCount++;
        if (oldStart == 0) oldStart = l.oldNo;
      }
      if (l.tag != '-') {
        newCount++;
        if (newStart == 0) newStart = l.newNo;
      }
    }
    out.append("@@ -").append(oldStart).append(',').append(oldCount);
    out.append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
    for (Line l : lines) {
      out.append(l.tag).append(l.text).append('\n');
    }
  }
}
