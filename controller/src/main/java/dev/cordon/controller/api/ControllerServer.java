package dev.cordon.controller.api;

import dev.cordon.controller.ca.Verifier;
import dev.cordon.controller.gateways.GatewayViews;
import dev.cordon.controller.gateways.Presence;
import dev.cordon.controller.gateways.StorePresence;
import dev.cordon.controller.identity.ControllerCertificate;
import dev.cordon.controller.identity.RotatingControllerCertificate;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The controller's gRPC server: TLS 1.3 only, client certificates optional at the TLS layer
 * (enrollment has none) and required per method by {@link AccessInterceptor}; inbound messages
 * capped; the health service reporting SERVING while it runs.
 */
public final class ControllerServer implements AutoCloseable {

  /** Requests are small (a CSR, a policy document); a policy of more than 1 MiB is a mistake. */
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private static final int MAX_METADATA_BYTES = 16 * 1024;

  private final Server server;
  private final HealthStatusManager health;
  private final AccessInterceptor access;

  private ControllerServer(Server server, HealthStatusManager health, AccessInterceptor access) {
    this.server = server;
    this.health = health;
    this.access = access;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return server.getPort();
  }

  /** Stops taking calls, lets running ones finish for up to {@code grace}, then cuts them. */
  public void shutdown(Duration grace) {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    access.close(); // pending summaries of refused calls, before the store closes
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }

  /** Options for the server; every field but the table side is required. */
  public static final class Builder {
    private InetSocketAddress address;
    private ControllerDomain domain;
    private Verifier verifier;
    private X509ExtendedKeyManager keyManager;
    private Clock clock = Clock.systemUTC();
    private RpcMetrics metrics = new RpcMetrics();
    private TableSide tableSide = TableSide.NOT_YET;
    private Presence presence;
    private int maxMessageBytes = MAX_MESSAGE_BYTES;

    public Builder address(InetSocketAddress address) {
      this.address = address;
      return this;
    }

    public Builder domain(ControllerDomain domain) {
      this.domain = domain;
      return this;
    }

    public Builder verifier(Verifier verifier) {
      this.verifier = verifier;
      return this;
    }

    /** A fixed TLS identity: the server serves this certificate until it stops. */
    public Builder certificate(ControllerCertificate certificate) {
      Objects.requireNonNull(certificate, "certificate");
      this.keyManager = new RotatingControllerCertificate(at -> certificate, Clock.systemUTC());
      return this;
    }

    /**
     * A TLS identity that may change while the server runs ({@link RotatingControllerCertificate}):
     * each new handshake asks it for the current certificate.
     */
    public Builder keyManager(X509ExtendedKeyManager keyManager) {
      this.keyManager = keyManager;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder metrics(RpcMetrics metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Where policy, table, telemetry and event RPCs go; UNIMPLEMENTED by default. */
    public Builder tableSide(TableSide tableSide) {
      this.tableSide = tableSide;
      return this;
    }

    /**
     * Where open table watches are recorded; {@link StorePresence} for controllers sharing a store.
     * Defaults to this process only ({@link Presence#local()}).
     */
    public Builder presence(Presence presence) {
      this.presence = presence;
      return this;
    }

    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * Binds and starts.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public ControllerServer start() {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(keyManager, "certificate or keyManager");
      HealthStatusManager health = new HealthStatusManager();
      AccessInterceptor access =
          new AccessInterceptor(
              AccessTable.standard(), verifier, domain.registry(), domain.audit(), metrics, clock);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(address)
              .sslContext(tls())
              .maxInboundMessageSize(maxMessageBytes)
              .maxInboundMetadataSize(MAX_METADATA_BYTES)
              .handshakeTimeout(10, TimeUnit.SECONDS)
              .permitKeepAliveTime(30, TimeUnit.SECONDS);
      Presence watches = presence == null ? Presence.local() : presence;
      GatewayViews views = new GatewayViews(domain.registry(), watches, tableSide::gatewayProgress);
      List<BindableService> services =
          List.of(
              new EnrollmentGrpcService(domain.enrollment(), metrics),
              new DeviceGrpcService(domain.renewal(), domain.registry(), tableSide),
              new GatewayGrpcService(
                  domain.renewal(),
                  domain.registry(),
                  domain.ca(),
                  tableSide,
                  watches,
                  views,
                  domain.telemetry()),
              new AdminGrpcService(domain, tableSide, views),
              health.getHealthService());
      for (BindableService service : services) {
        // Listed innermost first: metrics sees every close, access runs before error mapping.
        ServerServiceDefinition intercepted =
            ServerInterceptors.intercept(
                service, new ErrorMappingInterceptor(), access, new MetricsInterceptor(metrics));
        builder.addService(intercepted);
      }
      try {
        Server server = builder.build().start();
        health.setStatus("", ServingStatus.SERVING);
        return new ControllerServer(server, health, access);
      } catch (IOException e) {
        access.close();
        throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
      }
    }

    private SslContext tls() {
      try {
        SslContextBuilder tls = SslContextBuilder.forServer(keyManager);
        return GrpcSslContexts.configure(tls, SslProvider.JDK)
            .protocols("TLSv1.3")
            .clientAuth(ClientAuth.OPTIONAL)
            .trustManager(
                new IssuedByUsTrustManager(domain.ca().issuingCertificate(), domain.ca().bundle()))
            .build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot build the TLS 1.3 server context", e);
      }
    }
  }
}
