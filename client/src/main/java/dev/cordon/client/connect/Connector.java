package dev.cordon.client.connect;

import dev.cordon.client.identity.ControllerTrustManager;
import dev.cordon.client.identity.StateDirectory;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Opens channels to the controller. The real CLI uses {@link NettyConnector}; tests substitute an
 * in-process one so that verbs can be run against a fixed server. Each channel belongs to the
 * caller, who shuts it down.
 */
public interface Connector {

  /** Server-authenticated TLS for enrollment: no client certificate yet. */
  ManagedChannel enrollment(String target, ControllerTrustManager trust)
      throws IOException, GeneralSecurityException;

  /** mTLS as the device enrolled in {@code state}. */
  ManagedChannel device(String target, StateDirectory state)
      throws IOException, GeneralSecurityException;

  /** mTLS as the administrator whose credential is in {@code credential}. */
  ManagedChannel admin(String target, AdminCredential credential)
      throws IOException, GeneralSecurityException;
}
