package dev.cordon.tunnel.tun;

import java.io.IOException;

/** A failed system call on a TUN interface, naming the call and the errno it returned. */
public final class TunException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int errno;

  TunException(String call, int errno, String hint) {
    super(message(call, errno, hint));
    this.call = call;
    this.errno = errno;
  }

  /** The system call that failed, such as {@code ioctl(TUNSETIFF)}. */
  public String call() {
    return call;
  }

  /** The errno it set. */
  public int errno() {
    return errno;
  }

  static String message(String call, int errno, String hint) {
    String text = call + " failed: " + Errno.name(errno) + " (errno " + errno + ")";
    return hint == null ? text : text + ": " + hint;
  }
}
