package dev.cordon.gateway.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code /metrics} (Prometheus text) and {@code /healthz} (200 or 503) on one address. */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  public MetricsServer(InetSocketAddress address, Supplier<GatewayStatus> status)
      throws IOException {
    server = HttpServer.create(address, 16);
    server.createContext(
        "/metrics",
        x -> reply(x, 200, "text/plain; version=0.0.4", PrometheusText.render(status.get())));
    server.createContext(
        "/healthz",
        x -> {
          boolean ok = status.get().healthy();
          reply(x, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "not enforcing a trusted table\n");
        });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange x, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
