package dev.cordon.client.admin;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.ControllerErrors;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One administrator's connection for the length of one verb. Every call gets its own deadline and
 * every failure goes through {@link ControllerErrors}, so no verb handles gRPC errors itself.
 */
final class AdminSession implements AutoCloseable {

  private final ManagedChannel channel;
  private final String target;
  private final Duration timeout;

  private AdminSession(ManagedChannel channel, String target, Duration timeout) {
    this.channel = channel;
    this.target = target;
    this.timeout = timeout;
  }

  static AdminSession open(
      ClientContext context, String target, AdminCredential credential, Duration timeout) {
    try {
      return new AdminSession(context.connector().admin(target, credential), target, timeout);
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(
          ExitCodes.AUTH_FAILED,
          "cannot read the admin credential in " + credential.directory() + ": " + e.getMessage());
    }
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
