package dev.cordon.controller.tables.api;

import dev.cordon.controller.api.Caller;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.PrincipalKind;
import io.grpc.Status;

/**
 * The verified caller of the current call, of the kind a method serves. Only ever from the TLS
 * session (through {@link Caller}); a seam so that tests without TLS can name one.
 */
@FunctionalInterface
public interface CallerNames {

  /** The caller as the access interceptor verified it. */
  CallerNames FROM_TLS =
      kind -> {
        Principal principal = Caller.current().principal();
        if (principal.kind() != kind) {
          throw Status.PERMISSION_DENIED
              .withDescription("this method is for a " + kind.name().toLowerCase() + " caller")
              .asRuntimeException();
        }
        return principal;
      };

  /**
   * @throws io.grpc.StatusRuntimeException if the caller is not of {@code kind}
   */
  Principal principal(PrincipalKind kind);

  /** The caller's name (a gateway's name, a device's id, an admin's name). */
  default String name(PrincipalKind kind) {
    return principal(kind).name();
  }
}
