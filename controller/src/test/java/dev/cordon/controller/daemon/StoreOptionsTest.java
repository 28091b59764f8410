package dev.cordon.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The daemon and owner-credential take the store flags from one mixin, and so agree on them. */
class StoreOptionsTest {

  @TempDir Path dir;

  /** What the command's store flags come to once parsed: the values, or why they are refused. */
  private static String outcome(ParseResult parsed) {
    StoreOptions options =
        switch (parsed.commandSpec().userObject()) {
          case ControllerCommand c -> c.storeOptions;
          case OwnerCredentialCommand o -> o.storeOptions;
          default -> throw new AssertionError(parsed.commandSpec().name());
        };
    ConfigFile file = ConfigFile.read(null, parsed);
    try {
      return "data-dir="
          + options.dataDir(file)
          + " store="
          + options.store(file)
          + " tls="
          + options.etcdTls(file);
    } catch (IllegalArgumentException e) {
      return "refused: " + e.getMessage();
    }
  }

  /** The outcome of {@code flags} for the daemon, then for owner-credential. */
  private static List<String> bothCommands(String... flags) {
    ParseResult daemon = new CommandLine(new ControllerCommand()).parseArgs(flags);
    List<String> sub = new ArrayList<>(List.of("owner-credential"));
    sub.addAll(List.of(flags));
    ParseResult owner =
        new CommandLine(new ControllerCommand()).parseArgs(sub.toArray(String[]::new)).subcommand();
    return List.of(outcome(daemon), outcome(owner));
  }

  @Test
  void withoutFlagsBothCommandsUseTheEmbeddedStoreInTheDefaultDataDirectory() {
    String expected = "data-dir=/var/lib/cordon-controller store=sqlite tls=Optional.empty";

    assertEquals(List.of(expected, expected), bothCommands());
  }

  @Test
  void bothCommandsAcceptAnEtcdClusterWithMutualTlsAndReadItAlike() {
    List<String> outcomes =
        bothCommands(
            "--data-dir", "/srv/ctl",
            "--store", "etcd://10.0.0.5:2379,10.0.0.6:2379",
            "--etcd-ca", "ca.pem",
            "--etcd-cert", "client.pem",
            "--etcd-key", "client.key");

    assertEquals(outcomes.get(0), outcomes.get(1), "the two commands read the flags alike");
    assertEquals(
        "data-dir=/srv/ctl store=etcd://10.0.0.5:2379,10.0.0.6:2379"
            + " tls=Optional[EtcdTls[ca=ca.pem, cert=Optional[client.pem],"
            + " key=Optional[client.key]]]",
        outcomes.get(0));
  }

  static Stream<Arguments> refusedFlags() {
    return Stream.of(
        Arguments.of(
            List.of("--store", "mysql://x"),
            "--store must be 'sqlite' or 'etcd://host:port[,host:port...]', not 'mysql://x'"),
        Arguments.of(List.of("--store", "etcd://"), "--store etcd:// needs at least one host:port"),
        Arguments.of(
            List.of("--etcd-ca", "ca.pem"),
            "--etcd-ca, --etcd-cert and --etcd-key need --store etcd://..."),
        Arguments.of(
            List.of("--store", "etcd://h:2379", "--etcd-cert", "c.pem", "--etcd-key", "c.key"),
            "--etcd-cert and --etcd-key need --etcd-ca: the CA that signed etcd's certificate"));
  }

  @ParameterizedTest
  @MethodSource("refusedFlags")
  void bothCommandsRefuseTheSameStoreFlagsWithTheSameReason(List<String> flags, String reason) {
    List<String> outcomes = bothCommands(flags.toArray(String[]::new));

    assertEquals(List.of("refused: " + reason, "refused: " + reason), outcomes);
  }

  @Test
  void anUnknownStoreSchemeStopsBothCommandsWithExitCodeOneAndTheSameReason() {
    String reason =
        "--store must be 'sqlite' or 'etcd://host:port[,host:port...]', not 'mysql://x'";
    String data = dir.toString();

    for (List<String> args :
        List.of(
            List.of("--data-dir", data, "--listen", "127.0.0.1:0", "--store", "mysql://x"),
            List.of("owner-credential", "--data-dir", data, "--store", "mysql://x"))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          new CommandLine(new ControllerCommand())
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .execute(args.toArray(String[]::new));

      assertEquals(1, exit, args + ": " + err);
      assertTrue(err.toString().contains(reason), args + ": " + err);
      assertEquals("", out.toString(), "nothing started: " + args);
    }
  }

  @Test
  void bothCommandsDescribeTheStoreFlagsWithTheSameHelp() {
    CommandSpec daemon = new CommandLine(new ControllerCommand()).getCommandSpec();
    CommandSpec owner = daemon.subcommands().get("owner-credential").getCommandSpec();

    for (String flag : List.of("--data-dir", "--store", "--etcd-ca", "--etcd-cert", "--etcd-key")) {
      var a = daemon.findOption(flag);
      var b = owner.findOption(flag);
      assertEquals(List.of(a.description()), List.of(b.description()), flag);
      assertEquals(a.defaultValue(), b.defaultValue(), flag);
      assertEquals(a.paramLabel(), b.paramLabel(), flag);
    }
  }
}
