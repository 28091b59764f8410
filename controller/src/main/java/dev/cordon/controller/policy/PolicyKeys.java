package dev.cordon.controller.policy;

/**
 * Where policy documents live in the store. Each applied version is written once under {@link
 * #VERSIONS} and never rewritten; {@link #HEAD} holds the current version number and is the key
 * every apply compares-and-sets, so two admins racing on two controllers get two versions in order,
 * never one lost.
 */
public final class PolicyKeys {
  public static final String PREFIX = "/policy/";
  public static final String VERSIONS = PREFIX + "versions/";
  public static final String HEAD = PREFIX + "head";

  private PolicyKeys() {}

  /** Zero-padded so that keys sort by version. */
  public static String version(long version) {
    return VERSIONS + "%020d".formatted(version);
  }

  /** The version a version key names, or -1 when the key is not one. */
  public static long versionOf(String key) {
    if (!key.startsWith(VERSIONS)) {
      return -1;
    }
    try {
      return Long.parseLong(key.substring(VERSIONS.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
