package dev.cordon.tunnel;

import java.util.regex.Pattern;

/**
 * A named reason for dropping a packet; the device counts drops per reason. The owner's {@link
 * PacketPolicy} names its own; the device's names are the constants here and the session layer's
 * reasons in lower case ("decrypt_failed", "replay", ...).
 */
public record DropReason(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  /** An outgoing packet whose destination is in no peer's allowed IPs. */
  public static final DropReason NO_ROUTE = new DropReason("no_route");

  /** A packet from the tunnel that is not IPv4 or IPv6. */
  public static final DropReason NOT_IP = new DropReason("not_ip");

  /** A decrypted packet the kernel refused when written to the tunnel (write(2) failed). */
  public static final DropReason TUN_WRITE_FAILED = new DropReason("tun_write_failed");

  /** A decrypted packet the kernel took only part of (a short write to the tunnel). */
  public static final DropReason TUN_SHORT_WRITE = new DropReason("tun_short_write");

  /**
   * A packet (from the tunnel or the network) thrown away because the workers' queue of batches was
   * full, or the workers had stopped.
   */
  public static final DropReason WORKER_QUEUE_FULL = new DropReason("worker_queue_full");

  /**
   * A datagram handed to the UDP transport that never reached the socket: transport closed, its
   * send queue backed up, or a GSO write the kernel refused.
   */
  public static final DropReason UDP_SEND_DROPPED = new DropReason("udp_send_dropped");

  /** A packet lost because a worker threw on its batch: a bug, logged with its stack trace. */
  public static final DropReason WORKER_ERROR = new DropReason("worker_error");

  /** A read or write of one datagram that the kernel refused (ECONNREFUSED, EPERM...). */
  public static final DropReason UDP_SOCKET_ERROR = new DropReason("udp_socket_error");

  /** A buffer from the tunnel whose virtio-net header asks for an offload we never offered. */
  public static final DropReason TUN_GSO_UNSUPPORTED = new DropReason("tun_gso_unsupported");

  /** A buffer from the tunnel whose offload could not be done (inconsistent or oversized). */
  public static final DropReason TUN_GSO_MALFORMED = new DropReason("tun_gso_malformed");

  public DropReason {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a drop reason is 1-64 of [a-z0-9_.-], starting with a letter or digit: " + name);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
