package dev.cordon.lab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts every target of the gateway and control-plane reports into {@code docs/benchmarks.md}, so
 * one page answers "is each number met?": the first table of each report beside it (each report
 * stays the full account of its run). The section sits between two markers and is replaced on every
 * run; a report that is missing is named with the command that writes it. Every {@code make bench*}
 * target runs this last.
 *
 * <p>Usage: {@code BenchmarkIndex --markdown docs/benchmarks.md}; the reports are read from the
 * same directory.
 */
public final class BenchmarkIndex {
  static final String BEGIN = "<!-- targets: written by BenchmarkIndex; change the code -->";
  static final String END = "<!-- /targets -->";

  /** A report this page summarises: its file (beside the page) and the target that writes it. */
  record Report(String file, String title, String make) {}

  static final List<Report> REPORTS =
      List.of(
          new Report(
              "benchmarks-gateway.md",
              "Gateway: revocation in the lab, throughput with enforcement on (issue 5)",
              "sudo make bench-gateway"),
          new Report(
              "benchmarks-control-plane.md",
              "Controller and enforcement at fleet size (issues 4 and 5)",
              "sudo make bench-control-plane"));

  private static final Pattern WHEN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}");

  private BenchmarkIndex() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !args[0].equals("--markdown")) {
      System.err.println("usage: BenchmarkIndex --markdown docs/benchmarks.md");
      System.exit(2);
    }
    Path page = Path.of(args[1]);
    String before;
    try {
      before = Files.readString(page, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      System.err.println(page + " does not exist: run `sudo make bench-tunnel` to write it first");
      System.exit(1);
      return;
    }
    List<String> sections = new ArrayList<>();
    for (Report r : REPORTS) sections.add(section(r, read(page.resolveSibling(r.file()))));
    Files.writeString(page, withSection(before, String.join("\n", sections)));
    System.out.println("wrote the targets of " + REPORTS.size() + " reports into " + page);
  }

  private static String read(Path report) throws IOException {
    try {
      return Files.readString(report, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** One report's part: a heading, when it ran and how to run it again, and its first table. */
  static String section(Report r, String reportOrNull) {
    StringBuilder b = new StringBuilder("### ").append(r.title()).append("\n\n");
    if (reportOrNull == null) {
      return b.append("Not measured yet: `")
          .append(r.make())
          .append("` writes [")
          .append(r.file())
          .append("](")
          .append(r.file())
          .append(").\n")
          .toString();
    }
    Matcher when = WHEN.matcher(reportOrNull);
    b.append("From [").append(r.file()).append("](").append(r.file()).append(")");
    if (when.find()) b.append(", run ").append(when.group().replace('T', ' ')).append(" UTC");
    b.append("; reproduce with `").append(r.make()).append("`.\n\n");
    List<String> table = firstTable(reportOrNull);
    if (table.isEmpty()) return b.append("(the report holds no table)\n").toString();
    for (String line : table) b.append(line).append('\n');
    return b.toString();
  }

  /** The lines of the first Markdown table: the first run of lines that start with '|'. */
  static List<String> firstTable(String markdown) {
    List<String> table = new ArrayList<>();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("|")) table.add(line);
      else if (!table.isEmpty()) break;
    }
    return table;
  }

  /**
   * {@code page} with the section between the markers replaced by {@code body}; a page without the
   * markers gets them before its "## Raw numbers" heading, or at its end.
   */
  static String withSection(String page, String body) {
    String section =
        BEGIN
            + "\n## Gateway and control-plane targets\n\n"
            + "The first table of each of the other two reports, copied here when it is written.\n\n"
            + body
            + "\n"
            + END
            + "\n";
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin >= 0 && end > begin) {
      int after = end + END.length();
      if (after < page.length() && page.charAt(after) == '\n') after++;
      return page.substring(0, begin) + section + page.substring(after);
    }
    int raw = page.indexOf("\n## Raw numbers");
    if (raw >= 0) return page.substring(0, raw + 1) + section + "\n" + page.substring(raw + 1);
    return page + (page.endsWith("\n") ? "\n" : "\n\n") + section;
  }
}
