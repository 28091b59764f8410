package dev.cordon.controller.daemon;

import com.sun.net.httpserver.HttpServer;
import dev.cordon.controller.api.RpcMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics} in Prometheus text format, on the JDK's HTTP server. */
final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  static MetricsEndpoint start(InetSocketAddress address, RpcMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = metrics.exposition().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new MetricsEndpoint(server);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
