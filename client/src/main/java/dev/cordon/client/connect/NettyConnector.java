package dev.cordon.client.connect;

import dev.cordon.client.identity.ControllerTrustManager;
import dev.cordon.client.identity.StateDirectory;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Real channels: gRPC over Netty, TLS 1.3 only, trusting only {@link ControllerTrustManager}.
 *
 * <p>The JDK TLS provider is chosen on purpose. With it, the JDK hands the whole server decision to
 * our {@link javax.net.ssl.X509ExtendedTrustManager} (chain, pin and SPIFFE identity), and no
 * host-name check is layered on top; the OpenSSL provider could add its own host-name verification,
 * which would refuse controllers reached by an address their certificate does not name.
 */
public final class NettyConnector implements Connector {

  private static final String TLS_1_3 = "TLSv1.3";

  private final Clock clock;

  public NettyConnector() {
    this(Clock.systemUTC());
  }

  public NettyConnector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ManagedChannel enrollment(String target, ControllerTrustManager trust)
      throws SSLException {
    return channel(target, builder().trustManager(trust).build());
  }

  @Override
  public ManagedChannel device(String target, StateDirectory state)
      throws IOException, GeneralSecurityException {
    var identity = state.identity();
    var trust = ControllerTrustManager.anchoredIn(state.caBundle(), identity.trustDomain(), clock);
    return channel(
        target,
        withKey(builder().trustManager(trust), state.certificateKey(), state.certificateChain()));
  }

  @Override
  public ManagedChannel admin(String target, AdminCredential credential)
      throws IOException, GeneralSecurityException {
    var trust =
        ControllerTrustManager.anchoredIn(credential.caBundle(), credential.trustDomain(), clock);
    return channel(
        target, withKey(builder().trustManager(trust), credential.key(), credential.chain()));
  }

  private static SslContextBuilder builder() {
    return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .protocols(TLS_1_3);
  }

  private static SslContext withKey(
      SslContextBuilder builder, PrivateKey key, List<X509Certificate> chain) throws SSLException {
    return builder.keyManager(key, chain.toArray(X509Certificate[]::new)).build();
  }

  private static ManagedChannel channel(String target, SslContext tls) {
    return NettyChannelBuilder.forTarget(target).sslContext(tls).build();
  }
}
