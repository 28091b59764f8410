package dev.cordon.gateway.sync;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The mTLS channel to the controller, from the credential {@code cordon enroll} left in the state
 * directory. TLS 1.3 on the JDK provider, so {@link ControllerTrust} makes the whole server
 * decision (the OpenSSL provider could add a host-name check the SPIFFE identity replaces).
 */
public final class ControllerChannel {
  private ControllerChannel() {}

  public static ManagedChannel open(
      String target,
      PrivateKey key,
      List<X509Certificate> chain,
      List<X509Certificate> caBundle,
      String trustDomain)
      throws SSLException {
    var tls =
        GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
            .protocols("TLSv1.3")
            .trustManager(new ControllerTrust(caBundle, trustDomain))
            .keyManager(key, chain.toArray(X509Certificate[]::new))
            .build();
    return NettyChannelBuilder.forTarget(target).sslContext(tls).build();
  }
}
