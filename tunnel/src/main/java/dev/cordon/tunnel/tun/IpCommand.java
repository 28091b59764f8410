package dev.cordon.tunnel.tun;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Interface configuration through iproute2's {@code ip}, used only when an interface is set up
 * (never per packet): addresses and routes are one-off changes, and {@code ip} already speaks
 * rtnetlink correctly for both families.
 */
final class IpCommand {
  private static final long TIMEOUT_SECONDS = 10;

  private IpCommand() {}

  /**
   * Returns {@code prefix} if it is a literal "address/length"; anything else is refused, so no
   * caller-supplied text reaches {@code ip} as an option or a host name.
   */
  static String checkPrefix(String prefix) {
    int slash = prefix.indexOf('/');
    InetAddress address;
    int length;
    try {
      address = InetAddress.ofLiteral(slash < 0 ? prefix : prefix.substring(0, slash));
      length =
          slash < 0
              ? address.getAddress().length * 8
              : Integer.parseInt(prefix.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP prefix: " + prefix, e);
    }
    int max = address.getAddress().length * 8;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " outside 0.." + max);
    }
    return address.getHostAddress() + "/" + length;
  }

  /** Runs {@code ip args...}; a non-zero exit becomes an IOException quoting ip's own message. */
  static void run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    }
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
    }
  }
}
