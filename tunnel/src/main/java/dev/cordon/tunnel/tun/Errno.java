package dev.cordon.tunnel.tun;

/** The Linux errno values the TUN code tells apart, and names for the messages of the rest. */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EBADF = 9;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int EBUSY = 16;
  static final int EEXIST = 17;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int EMSGSIZE = 90;

  private Errno() {}

  static String name(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EINTR -> "EINTR";
      case EBADF -> "EBADF";
      case EAGAIN -> "EAGAIN";
      case EACCES -> "EACCES";
      case EBUSY -> "EBUSY";
      case EEXIST -> "EEXIST";
      case ENODEV -> "ENODEV";
      case EINVAL -> "EINVAL";
      case EMSGSIZE -> "EMSGSIZE";
      default -> "errno " + errno;
    };
  }

  /** What a person should do about the failures they can fix. */
  static String hint(int errno) {
    return switch (errno) {
      case EPERM, EACCES -> "creating a TUN interface needs root or CAP_NET_ADMIN";
      case ENOENT, ENODEV -> "/dev/net/tun is missing: load the tun module (modprobe tun)";
      case EBUSY -> "an interface of that name is already in use";
      default -> null;
    };
  }
}
