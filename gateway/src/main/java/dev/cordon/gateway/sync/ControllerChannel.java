package dev.cordon.gateway.sync;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The mTLS channel to the controller from the gateway's credential directory: {@code gateway.crt}
 * and {@code gateway.key} (its identity) and {@code ca.crt} (the only CA it trusts for the
 * controller).
 */
public final class ControllerChannel {
  public static final String CERTIFICATE = "gateway.crt";
  public static final String KEY = "gateway.key";
  public static final String CA_BUNDLE = "ca.crt";

  private ControllerChannel() {}

  public static ManagedChannel open(String target, Path credentials) throws IOException {
    ChannelCredentials creds =
        TlsChannelCredentials.newBuilder()
            .keyManager(
                credentials.resolve(CERTIFICATE).toFile(), credentials.resolve(KEY).toFile())
            .trustManager(credentials.resolve(CA_BUNDLE).toFile())
            .build();
    return Grpc.newChannelBuilder(target, creds).build();
  }
}
