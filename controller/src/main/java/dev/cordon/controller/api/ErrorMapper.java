package dev.cordon.controller.api;

import dev.cordon.controller.ca.IssuanceRefused;
import dev.cordon.controller.enroll.EnrollmentRefused;
import dev.cordon.controller.identity.RenewalRefused;
import dev.cordon.controller.ipam.PoolExhaustedException;
import dev.cordon.controller.policy.PolicyConflictException;
import dev.cordon.controller.registry.AlreadyExistsException;
import dev.cordon.controller.registry.ContentionException;
import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.registry.StatusConflictException;
import dev.cordon.controller.store.StoreException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.lang.System.Logger.Level;

/**
 * The one place where domain exceptions become gRPC statuses, and where each picks its log level.
 * Domain messages are written never to hold secrets (token ids, not tokens; reasons, not keys), so
 * they go to the caller as descriptions; anything unexpected becomes INTERNAL with no detail.
 */
public final class ErrorMapper {

  /** The status for the caller and how loudly to log it. */
  public record Mapped(Status status, Level level) {}

  private ErrorMapper() {}

  public static Mapped map(Throwable error) {
    return switch (error) {
      case StatusRuntimeException e -> new Mapped(e.getStatus(), Level.DEBUG);
      case StatusException e -> new Mapped(e.getStatus(), Level.DEBUG);
      case EnrollmentRefused e -> info(Status.UNAUTHENTICATED, e);
      case IssuanceRefused e -> info(Status.INVALID_ARGUMENT, e);
      case RenewalRefused e -> info(Status.FAILED_PRECONDITION, e);
      case StatusConflictException e -> info(Status.FAILED_PRECONDITION, e);
      case NotFoundException e -> info(Status.NOT_FOUND, e);
      case AlreadyExistsException e -> info(Status.ALREADY_EXISTS, e);
      case PolicyConflictException e -> info(Status.ABORTED, e);
      case ContentionException e -> new Mapped(describe(Status.ABORTED, e), Level.WARNING);
      case PoolExhaustedException e ->
          new Mapped(describe(Status.RESOURCE_EXHAUSTED, e), Level.ERROR);
      case StoreException e ->
          new Mapped(Status.UNAVAILABLE.withDescription("the store is unavailable"), Level.ERROR);
      case IllegalArgumentException e -> info(Status.INVALID_ARGUMENT, e);
      default -> new Mapped(Status.INTERNAL.withDescription("internal error"), Level.ERROR);
    };
  }

  private static Mapped info(Status status, Throwable e) {
    return new Mapped(describe(status, e), Level.INFO);
  }

  private static Status describe(Status status, Throwable e) {
    return status.withDescription(e.getMessage());
  }
}
