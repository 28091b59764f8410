package dev.cordon.client.admin;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.ControllerErrors;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One administrator's connection for the length of one verb. Every call gets its own deadline and
 * every failure goes through {@link ControllerErrors}, so no verb handles gRPC errors itself.
 */
final class AdminSession implements AutoCloseable {

  private final ManagedChannel channel;
  private final ClientContext context;
  private final String target;
  private final AdminCredential credential;
  private final Duration timeout;

  private AdminSession(
      ManagedChannel channel,
      ClientContext context,
      String target,
      AdminCredential credential,
      Duration timeout) {
    this.channel = channel;
    this.context = context;
    this.target = target;
    this.credential = credential;
    this.timeout = timeout;
  }

  static AdminSession open(
      ClientContext context, String target, AdminCredential credential, Duration timeout) {
    try {
      return new AdminSession(
          context.connector().admin(target, credential), context, target, credential, timeout);
    } catch (IOException | GeneralSecurityException e) {
      throw CredentialRenewal.unreadable(credential, e);
    }
  }

  AdminCredential credential() {
    return credential;
  }

  /**
   * Admin certificates live hours, not months: when this one is past 2/3 of its life, renews it
   * (same key) and returns a session over the new one, saying so on {@code err}. A failed renewal
   * is only a warning, since the old certificate still works; a credential that cannot be read is
   * left to the calls to report.
   */
  AdminSession renewedIfDue(PrintWriter err) {
    X509Certificate leaf;
    try {
      leaf = credential.chain().getFirst();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return this;
    }
    if (!CredentialRenewal.due(leaf, context.clock().instant())) {
      return this;
    }
    try {
      X509Certificate renewed = CredentialRenewal.renew(this, false, false);
      err.printf(
          "cordon: the admin certificate in %s was past 2/3 of its life; renewed it, valid"
              + " until %s%n",
          credential.directory(), renewed.getNotAfter().toInstant());
      err.flush();
    } catch (CliException | IOException e) {
      err.printf(
          "cordon: could not renew the admin certificate in %s (%s); it is valid until %s%n",
          credential.directory(), e.getMessage(), leaf.getNotAfter().toInstant());
      err.flush();
      return this;
    }
    close();
    return open(context, target, credential, timeout);
  }

  /**
   * Makes one call.
   *
   * @param action what it does, as a verb phrase for messages ("approve devices")
   */
  <T> T call(String action, Function<AdminServiceBlockingStub, T> call) {
    AdminServiceBlockingStub stub =
        AdminServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return call.apply(stub);
    } catch (StatusRuntimeException e) {
      throw ControllerErrors.map(e, target, action);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
