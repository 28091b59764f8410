package dev.cordon.controller.api;

import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.registry.AdminRole;

/** Who may call a method. */
public sealed interface AccessRule {

  /** No client certificate needed (Enrollment, which carries a token, and health checks). */
  record Open() implements AccessRule {}

  /** A verified certificate of this kind (device or gateway). */
  record Principal(PrincipalKind kind) implements AccessRule {}

  /** A verified admin certificate whose registered role includes {@code minimum}. */
  record Admin(AdminRole minimum) implements AccessRule {}
}
