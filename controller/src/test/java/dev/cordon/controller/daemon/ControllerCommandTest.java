package dev.cordon.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ControllerCommandTest {

  @TempDir Path dir;

  /** One run of the command in its own thread, with its output captured. */
  private record Run(
      ControllerCommand command,
      StringWriter out,
      StringWriter err,
      CompletableFuture<Integer> exit) {

    String waitFor(String text) throws InterruptedException {
      for (int i = 0; i < 300 && !out.toString().contains(text) && !exit.isDone(); i++) {
        Thread.sleep(100);
      }
      assertTrue(out.toString().contains(text), "no '" + text + "' in: " + out + err);
      return out.toString();
    }

    int stop() throws Exception {
      command.stop();
      return exit.get(30, TimeUnit.SECONDS);
    }
  }

  private Run start(String... args) {
    ControllerCommand command = new ControllerCommand();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> line.execute(args));
    return new Run(command, out, err, exit);
  }

  private String[] args() {
    return new String[] {
      "--data-dir",
      dir.toString(),
      "--listen",
      "127.0.0.1:0",
      "--advertise",
      "127.0.0.1:7443",
      "--metrics-listen",
      "127.0.0.1:0"
    };
  }

  @Test
  void aFirstStartCreatesTheCaAndAPrivateOwnerCredentialAndSaysWhereTheyAre() throws Exception {
    Run run = start(args());
    String out = run.waitFor("metrics: ");

    List<String> lines = out.lines().toList();
    assertEquals("cordon controller controller-1, trust domain cordon.local", lines.get(0));
    assertEquals("store: embedded SQLite in " + dir.resolve("store"), lines.get(1));
    assertTrue(
        lines
            .get(2)
            .matches(
                "CA: created in "
                    + Pattern.quote(dir.resolve("ca").toString())
                    + " \\(fingerprint [0-9a-f]{64}\\)"),
        lines.get(2));
    assertTrue(
        lines.get(3).startsWith("CA signatures: AWS-LC (Amazon Corretto Crypto Provider "),
        "names the provider that signs and checks certificates, so a fallback shows: "
            + lines.get(3));
    assertTrue(
        lines.get(4).startsWith("owner credential: written to " + dir.resolve("owner-credential")),
        lines.get(4));
    assertTrue(
        lines
            .get(5)
            .matches(
                "listening on 127\\.0\\.0\\.1:\\d+ \\(gRPC, TLS 1\\.3\\);"
                    + " tokens point devices at 127\\.0\\.0\\.1:7443"),
        lines.get(5));
    assertFalse(out.contains("PRIVATE KEY") || out.contains("-----BEGIN"));

    Path credential = dir.resolve("owner-credential");
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credential)));
    for (String file : List.of("admin.key", "admin.crt", "ca.crt")) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(credential.resolve(file))),
          file);
    }
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("ca").resolve("ca-key.pem"))));

    Matcher metrics = Pattern.compile("metrics: (http://\\S+)").matcher(out);
    assertTrue(metrics.find());
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metrics.group(1))).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(body.contains("cordon_controller_enrollments_total 0"), body);

    assertEquals(0, run.stop());
    assertTrue(run.out().toString().endsWith("stopped" + System.lineSeparator()));
  }

  @Test
  void aSecondStartLoadsTheCaAndLeavesTheOwnerCredentialAlone() throws Exception {
    Run first = start(args());
    first.waitFor("metrics: ");
    assertEquals(0, first.stop());
    byte[] key = Files.readAllBytes(dir.resolve("owner-credential/admin.key"));

    Run second = start(args());
    String out = second.waitFor("metrics: ");

    assertTrue(out.contains("CA: loaded from " + dir.resolve("ca")), out);
    assertTrue(out.contains("owner credential: created at first start in "), out);
    assertEquals(0, second.stop());
    assertTrue(
        java.util.Arrays.equals(
            key, Files.readAllBytes(dir.resolve("owner-credential/admin.key"))));
  }

  @Test
  void aBadStoreFlagStopsTheStartWithExitCodeOneAndAReason() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(args()));
    args.addAll(List.of("--store", "mysql://x"));

    Run run = start(args.toArray(String[]::new));

    assertEquals(1, run.exit().get(30, TimeUnit.SECONDS));
    assertTrue(
        run.err().toString().contains("--store must be 'sqlite' or 'etcd://"),
        run.err().toString());
  }

  @Test
  void aConfigFileSuppliesFlagsThatTheCommandLineDoesNotGive() throws Exception {
    Path config = dir.resolve("controller.properties");
    Files.writeString(config, "trust-domain=example.test\nname=ctl-a\n");
    List<String> args = new java.util.ArrayList<>(List.of(args()));
    args.addAll(List.of("--config", config.toString(), "--name", "ctl-b"));

    Run run = start(args.toArray(String[]::new));
    String out = run.waitFor("metrics: ");

    assertTrue(out.startsWith("cordon controller ctl-b, trust domain example.test"), out);
    assertEquals(0, run.stop());
  }
}
