package dev.cordon.lab.demo;

import dev.cordon.dist.Cordon;
import dev.cordon.lab.LabException;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many {@code cordon} CLI invocations in one JVM, through the distribution's own entry point
 * ({@link Cordon#commandLine}) with the distribution's jars: the same commands as {@code
 * bin/cordon}, without paying a JVM start for each (seconds apiece on a busy 2-core machine). Used
 * for read-only questions (what-ifs, listings) and token creation; state changes the demo shows go
 * through {@code bin/cordon}.
 *
 * <p>Input: a file with one command a line, arguments base64-encoded and space-separated. Output:
 * for each command a line {@code @@batch N EXIT OUT ERR}, exit code and base64 of its output.
 */
public final class CordonBatch {
  private static final Pattern RECORD =
      Pattern.compile("^@@batch (\\d+) (-?\\d+) (\\S*) (\\S*)$", Pattern.MULTILINE);

  private CordonBatch() {}

  public static void main(String[] args) throws IOException {
    var b64 = Base64.getDecoder();
    var enc = Base64.getEncoder();
    int n = 0;
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      var argv = new ArrayList<String>();
      for (String word : line.strip().split(" ")) {
        argv.add(new String(b64.decode(word), StandardCharsets.UTF_8));
      }
      var out = new StringWriter();
      var err = new StringWriter();
      int code;
      try (var o = new PrintWriter(out, true);
          var e = new PrintWriter(err, true)) {
        code = Cordon.commandLine(o, e).execute(argv.toArray(String[]::new));
      }
      System.out.println(
          "@@batch "
              + n++
              + " "
              + code
              + " "
              + enc.encodeToString(out.toString().getBytes(StandardCharsets.UTF_8))
              + " "
              + enc.encodeToString(err.toString().getBytes(StandardCharsets.UTF_8)));
    }
    System.out.flush();
    // The CLI's gRPC channels may leave non-daemon threads: end now that every answer is out.
    System.exit(0);
  }

  /** Runs {@code commands} in one JVM in {@code ns}; one {@link Result} per command, in order. */
  static List<Result> run(Namespace ns, List<List<String>> commands) {
    var enc = Base64.getEncoder();
    var lines = new StringBuilder();
    for (List<String> argv : commands) {
      var words = new ArrayList<String>();
      for (String a : argv) {
        words.add(enc.encodeToString(a.getBytes(StandardCharsets.UTF_8)));
      }
      lines.append(String.join(" ", words)).append('\n');
    }
    Path file = ns.lab().runDirectory().resolve("batch-" + System.nanoTime() + ".txt");
    try {
      Files.writeString(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException("cannot write " + file, e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        labClasses() + ":" + Path.of(System.getProperty("cordon.dist.dir"), "lib") + "/*";
    Result r =
        ns.execAllowFail(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classPath,
            CordonBatch.class.getName(),
            file.toString());
    var b64 = Base64.getDecoder();
    var results = new ArrayList<Result>();
    Matcher m = RECORD.matcher(r.stdout());
    while (m.find()) {
      results.add(
          new Result(
              Integer.parseInt(m.group(2)),
              new String(b64.decode(m.group(3)), StandardCharsets.UTF_8),
              new String(b64.decode(m.group(4)), StandardCharsets.UTF_8)));
    }
    if (results.size() != commands.size()) {
      throw new LabException(
          "the CLI batch answered "
              + results.size()
              + " of "
              + commands.size()
              + " commands (exit "
              + r.exitCode()
              + "):\n"
              + r.stderr());
    }
    return results;
  }

  /** Where this class was loaded from: the lab's classes directory or jar. */
  static String labClasses() {
    try {
      return Path.of(CordonBatch.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new LabException("cannot locate the lab's classes", e);
    }
  }
}
