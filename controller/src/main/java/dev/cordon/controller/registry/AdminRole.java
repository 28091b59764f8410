package dev.cordon.controller.registry;

/** An administrator's role; each includes the rights of those below it. */
public enum AdminRole {
  AUDITOR,
  OPERATOR,
  OWNER;

  /** owner > operator > auditor, by declaration order. */
  public boolean includes(AdminRole required) {
    return compareTo(required) >= 0;
  }
}
