package dev.cordon.gateway.sync;

import dev.cordon.gateway.identity.RenewableKeyManager;
import dev.cordon.gateway.identity.TrustBundle;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.util.Collections;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The mTLS channel to the controller, presenting the gateway's current certificate and trusting the
 * current CA bundle (both replaced by renewal, both read at each handshake). TLS 1.3 on the JDK
 * provider, so {@link ControllerTrust} makes the whole server decision (the OpenSSL provider could
 * add a host-name check the SPIFFE identity replaces).
 */
public final class ControllerChannel {
  private final ManagedChannel channel;
  private final SslContext tls;

  private ControllerChannel(ManagedChannel channel, SslContext tls) {
    this.channel = channel;
    this.tls = tls;
  }

  public static ControllerChannel open(
      String target, RenewableKeyManager keys, TrustBundle trust, String trustDomain)
      throws SSLException {
    SslContext tls =
        GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
            .protocols("TLSv1.3")
            .trustManager(new ControllerTrust(trust, trustDomain))
            .keyManager(keys)
            .build();
    return new ControllerChannel(
        NettyChannelBuilder.forTarget(target).sslContext(tls).build(), tls);
  }

  public ManagedChannel channel() {
    return channel;
  }

  /**
   * After the key manager presents a renewed certificate (and the trust bundle may have changed):
   * forgets the TLS sessions (a resumed session would carry the old certificate's identity and skip
   * the check of the controller under the new bundle) and lets the channel go idle, so the next
   * call opens a connection with a full handshake. Calls under way finish on the old connection,
   * which closes once they have.
   */
  public void useRenewedCertificate() {
    SSLSessionContext sessions = tls.sessionContext();
    if (sessions != null) {
      for (byte[] id : Collections.list(sessions.getIds())) {
        SSLSession s = sessions.getSession(id);
        if (s != null) s.invalidate();
      }
    }
    channel.enterIdle();
  }
}
