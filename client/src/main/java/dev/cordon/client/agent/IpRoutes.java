package dev.cordon.client.agent;

import dev.cordon.tunnel.allowedips.IpPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Addresses and routes of the agent's interface through iproute2's {@code ip}, as the tunnel module
 * does for its own addresses; the agent also removes routes, which the tunnel's TUN API does not
 * offer. Only literal prefixes reach the command line (parsed first), never text from elsewhere.
 */
final class IpRoutes {

  private static final long TIMEOUT_SECONDS = 10;

  private final String interfaceName;

  IpRoutes(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  void addAddress(String prefix) throws IOException {
    run("address", "add", literal(prefix), "dev", interfaceName);
  }

  void addRoute(String prefix) throws IOException {
    run("route", "replace", literal(prefix), "dev", interfaceName);
  }

  void removeRoute(String prefix) throws IOException {
    run("route", "del", literal(prefix), "dev", interfaceName);
  }

  private static String literal(String prefix) {
    return IpPrefix.parse(prefix).toString();
  }

  private static void run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in time");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    }
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
