package dev.cordon.gateway.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host changes the daemon makes on its own TUN: its overlay address, and a route for the
 * overlay pool so replies from protected networks come back through it. Idempotent ({@code ip ...
 * replace}). Forwarding and routes toward protected networks are the operator's (README).
 */
interface HostNetwork {
  void addAddress(String iface, String addressWithLength) throws IOException;

  void addRoute(String iface, String prefix) throws IOException;

  /** Runs iproute2's {@code ip}. */
  HostNetwork IP =
      new HostNetwork() {
        @Override
        public void addAddress(String iface, String address) throws IOException {
          run(List.of("ip", "address", "replace", address, "dev", iface));
        }

        @Override
        public void addRoute(String iface, String prefix) throws IOException {
          run(List.of("ip", "route", "replace", prefix, "dev", iface));
        }

        private void run(List<String> command) throws IOException {
          Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
          try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
              p.destroyForcibly();
              throw new IOException(String.join(" ", command) + " did not finish");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + String.join(" ", command), e);
          }
          if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
          }
        }
      };
}
