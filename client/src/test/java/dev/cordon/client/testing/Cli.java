package dev.cordon.client.testing;

import dev.cordon.client.ClientCommands;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.Connector;
import dev.cordon.client.identity.ControllerTrustManager;
import dev.cordon.client.identity.StateDirectory;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the client's verbs as a person would, under a stand-in root command, against an in-process
 * server; TLS is not involved (the trust decision has its own tests).
 */
public final class Cli implements AutoCloseable {

  /** What one run printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  @Command(name = "cordon")
  static final class Root implements Runnable {
    @Override
    public void run() {}
  }

  private final String name = InProcessServerBuilder.generateName();
  private final Server server;
  private final Map<String, String> env;

  public Cli(Map<String, String> env, BindableService... services) throws Exception {
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    for (BindableService service : services) {
      builder.addService(service);
    }
    this.server = builder.build().start();
    this.env = env;
  }

  public Run run(String... args) {
    Connector connector =
        new Connector() {
          @Override
          public ManagedChannel enrollment(String target, ControllerTrustManager trust) {
            return channel();
          }

          @Override
          public ManagedChannel device(String target, StateDirectory state) {
            return channel();
          }

          @Override
          public ManagedChannel admin(String target, AdminCredential credential) {
            return channel();
          }
        };
    ClientContext context =
        new ClientContext(
            connector,
            env::get,
            Path.of("/nonexistent-home"),
            Clock.fixed(TestCa.NOW, ZoneOffset.UTC));
    CommandLine root = new CommandLine(new Root());
    for (Object command : ClientCommands.all(context)) {
      root.addSubcommand(command);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    int code = root.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private ManagedChannel channel() {
    return InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
