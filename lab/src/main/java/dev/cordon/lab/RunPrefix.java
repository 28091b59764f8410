package dev.cordon.lab;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of everything a lab creates, and how to tell from a name which JVM created it.
 *
 * <p>Namespaces are named {@code cl-<pid>-<n>-<role>}: readable, and namespace names have no length
 * limit worth worrying about. Interface names are limited to 15 bytes by the kernel, so links use
 * {@code cl<pid in base 36>-<seq in base 36><role>}; a pid of up to 4194304 takes at most 5 base-36
 * digits. Both encode the owning JVM's pid so a later run can sweep what a killed run left behind.
 */
public final class RunPrefix {
  /** The kernel's IFNAMSIZ minus the terminating NUL. */
  public static final int MAX_INTERFACE_NAME = 15;

  /** Every lab name starts with this, so nothing else on the machine is ever touched. */
  public static final String LAB_TAG = "cl";

  private static final Pattern NAMESPACE = Pattern.compile("^cl-(\\d{1,10})-\\d+-.*");
  private static final Pattern LINK = Pattern.compile("^cl([0-9a-z]{1,7})-.*");
  private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private RunPrefix() {}

  /** The prefix of lab number {@code n} in the JVM with pid {@code pid}: {@code cl-<pid>-<n>-}. */
  public static String namespacePrefix(long pid, int n) {
    return LAB_TAG + "-" + pid + "-" + n + "-";
  }

  /**
   * An interface name unique across every namespace of this JVM (wireguard-go's control sockets
   * share one directory for all namespaces), at most 15 characters; the role is cut to fit.
   */
  public static String interfaceName(long pid, int seq, String role) {
    requireRole(role);
    String head = LAB_TAG + Long.toString(pid, 36) + "-" + Integer.toString(seq, 36);
    if (head.length() >= MAX_INTERFACE_NAME) {
      throw new IllegalArgumentException("interface sequence too large: " + seq);
    }
    String tail = role.substring(0, Math.min(role.length(), MAX_INTERFACE_NAME - head.length()));
    return head + tail;
  }

  /** The pid of the JVM that created the namespace of that name, if it is a lab namespace. */
  public static Optional<Long> ownerOfNamespace(String name) {
    var m = NAMESPACE.matcher(name);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  /** The pid of the JVM that created the link of that name, if it is a lab link. */
  public static Optional<Long> ownerOfLink(String name) {
    var m = LINK.matcher(name);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1), 36)) : Optional.empty();
  }

  /** Roles become parts of names: lower-case letters, digits and dashes only. */
  public static String requireRole(String role) {
    if (role == null || !ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException(
          "role must be lower-case letters, digits and dashes, starting with a letter or digit: "
              + role);
    }
    return role;
  }
}
