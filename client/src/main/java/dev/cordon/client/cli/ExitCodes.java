package dev.cordon.client.cli;

/**
 * Every exit code of the {@code cordon} CLI verbs, in one place so that scripts can rely on them.
 * The values are part of the CLI's contract: never renumber, only add. 0, 1 and 2 follow picocli's
 * conventions (success, failure, usage error); the rest name one situation each so that a script
 * can react without parsing messages.
 */
public final class ExitCodes {

  /** The command did what was asked. */
  public static final int OK = 0;

  /** Something failed that has no more specific code (an I/O error, an unexpected answer). */
  public static final int FAILURE = 1;

  /** The command line was wrong: unknown option, missing argument, bad value (picocli's code). */
  public static final int USAGE = 2;

  /** The controller could not be reached, or did not answer within the deadline. */
  public static final int UNREACHABLE = 3;

  /** The controller did not accept the admin or device credential, or none was found. */
  public static final int AUTH_FAILED = 4;

  /** The caller's role or status does not allow the call. */
  public static final int PERMISSION_DENIED = 5;

  /** The device, gateway, policy version or token named does not exist. */
  public static final int NOT_FOUND = 6;

  /** The object is not in a state that allows the change (already exists, stale version). */
  public static final int CONFLICT = 7;

  /** The token string is not a valid Cordon token (wrong prefix, corrupt, unknown version). */
  public static final int TOKEN_INVALID = 8;

  /** The controller refused the token: expired, already used, revoked, or unknown. */
  public static final int TOKEN_REJECTED = 9;

  /** The device enrolled but waits for an administrator's approval. */
  public static final int APPROVAL_PENDING = 10;

  /** The controller's certificate chain does not lead to the CA pinned by the token. */
  public static final int CA_MISMATCH = 11;

  /** The command needs root (or write access to the state directory) and does not have it. */
  public static final int NEEDS_ROOT = 12;

  /** {@code policy apply} or {@code policy diff}: the document has problems and was not used. */
  public static final int POLICY_INVALID = 13;

  /** {@code policy test}: the flow asked about would be denied. */
  public static final int POLICY_DENIED = 14;

  /** The command exists but is not yet implemented in this build; it did nothing. */
  public static final int NOT_IMPLEMENTED = 15;

  private ExitCodes() {}
}
