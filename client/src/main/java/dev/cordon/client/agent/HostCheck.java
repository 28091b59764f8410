package dev.cordon.client.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this host lets the agent create its interface: {@code /dev/net/tun} must exist and the
 * process must be root (the TUN ioctl and the address and route changes need CAP_NET_ADMIN, which
 * in practice means root). Answers with the sentence to show, or empty when all is well.
 */
public final class HostCheck {

  private HostCheck() {}

  /** The real host. */
  public static Optional<String> problem() {
    return problem(Path.of("/dev/net/tun"), Path.of("/proc/self/status"));
  }

  static Optional<String> problem(Path tun, Path procStatus) {
    if (!Files.exists(tun)) {
      return Optional.of(
          "no "
              + tun
              + " on this host: load the tun module ('modprobe tun') or, in a container,"
              + " pass the device in (--device /dev/net/tun)");
    }
    long uid = effectiveUid(procStatus);
    if (uid != 0) {
      return Optional.of(
          "cordon up creates the TUN interface and its routes, which needs root; run it with"
              + " sudo (or as the cordon systemd service)");
    }
    return Optional.empty();
  }

  /** The effective uid from /proc/self/status ("Uid: real effective saved fs"), -1 if unknown. */
  static long effectiveUid(Path procStatus) {
    try {
      for (String line : Files.readAllLines(procStatus)) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 ? Long.parseLong(ids[1]) : -1;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
