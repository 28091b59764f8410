package dev.cordon.tunnel.tun;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Encodes Linux's {@code struct ifreq}: a 16-byte NUL-terminated interface name, then a 24-byte
 * union whose first member here is either the flags (a short) or the MTU (an int).
 */
final class IfReq {
  static final int SIZE = 40;

  /** IFNAMSIZ, including the terminating NUL. */
  static final int NAME_SIZE = 16;

  static final long UNION_OFFSET = NAME_SIZE;

  private IfReq() {}

  /**
   * An ifreq naming {@code name} and carrying {@code flags}, as TUNSETIFF and SIOCSIFFLAGS read.
   */
  static MemorySegment withFlags(SegmentAllocator allocator, String name, short flags) {
    MemorySegment ifreq = named(allocator, name);
    ifreq.set(ValueLayout.JAVA_SHORT, UNION_OFFSET, flags);
    return ifreq;
  }

  /** An ifreq naming {@code name} and carrying {@code mtu}, as SIOCSIFMTU reads. */
  static MemorySegment withMtu(SegmentAllocator allocator, String name, int mtu) {
    MemorySegment ifreq = named(allocator, name);
    ifreq.set(ValueLayout.JAVA_INT, UNION_OFFSET, mtu);
    return ifreq;
  }

  static short flags(MemorySegment ifreq) {
    return ifreq.get(ValueLayout.JAVA_SHORT, UNION_OFFSET);
  }

  /** The name the kernel wrote back (it fills in patterns such as "tun%d"). */
  static String name(MemorySegment ifreq) {
    int length = 0;
    while (length < NAME_SIZE && ifreq.get(ValueLayout.JAVA_BYTE, length) != 0) {
      length++;
    }
    return new String(
        ifreq.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
  }

  /**
   * Checks an interface name the way the kernel would, so a bad name fails with a clear message
   * before any system call: 1 to 15 printable ASCII bytes, no '/', no whitespace, not "." or "..".
   */
  static void checkName(String name) {
    boolean valid =
        !name.isEmpty() && name.length() < NAME_SIZE && !name.equals(".") && !name.equals("..");
    for (int i = 0; valid && i < name.length(); i++) {
      char c = name.charAt(i);
      valid = c > ' ' && c < 0x7F && c != '/' && c != ':';
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "interface name \""
              + name
              + "\" must be 1 to 15 printable ASCII characters without '/', ':' or spaces");
    }
  }

  private static MemorySegment named(SegmentAllocator allocator, String name) {
    checkName(name);
    MemorySegment ifreq = allocator.allocate(SIZE);
    ifreq.fill((byte) 0);
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    MemorySegment.copy(bytes, 0, ifreq, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return ifreq;
  }
}
