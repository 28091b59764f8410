package dev.cordon.controller.api;

import dev.cordon.controller.ca.Principal;
import io.grpc.Context;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The verified principal of the current call and the certificate it presented, put into the gRPC
 * context by {@link AccessInterceptor} and nowhere else. Absent on calls that need no identity.
 */
public record Caller(Principal principal, X509Certificate certificate) {

  static final Context.Key<Caller> KEY = Context.key("cordon-caller");

  /** The caller of the current call; services reached through the access table always have one. */
  public static Caller current() {
    Caller caller = KEY.get();
    if (caller == null) {
      // Only reachable if a method was wired without an access rule: fail closed.
      throw Status.UNAUTHENTICATED.withDescription("no verified caller").asRuntimeException();
    }
    return caller;
  }

  public static Optional<Caller> find() {
    return Optional.ofNullable(KEY.get());
  }

  /** The SPIFFE ID, as audit entries name principals. */
  public String id() {
    return principal.toString();
  }
}
