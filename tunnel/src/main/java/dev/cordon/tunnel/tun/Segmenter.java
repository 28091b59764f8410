package dev.cordon.tunnel.tun;

/**
 * Turns one buffer read from a TUN opened with a virtio-net header into the ordinary IP packets it
 * stands for: a packet whose checksum the kernel left to us gets it completed, and a TCP
 * super-packet (TSO) is cut into segments of gso_size payload bytes, each a valid packet on its
 * own. Pure and allocation-free: segments go into a caller-provided {@link Segments} arena.
 */
public final class Segmenter {
  /** Why a buffer was not turned into packets; the device counts a drop per reason. */
  public enum Rejection {
    /** A gso_type this segmenter does not offer to the kernel (UDP fragmentation, USO...). */
    UNSUPPORTED_GSO,
    /** Too short, inconsistent headers, or a segment that would not fit the MTU. */
    MALFORMED
  }

  /** The outcome: how many packets were added, or why none were. */
  public record Result(int packets, Rejection rejection) {
    static Result of(int packets) {
      return new Result(packets, null);
    }

    static Result rejected(Rejection why) {
      return new Result(0, why);
    }

    public boolean accepted() {
      return rejection == null;
    }
  }

  private static final int TCP = 6;
  private static final int IPV4_HEADER_MIN = 20;
  private static final int IPV6_HEADER = 40;
  private static final int TCP_HEADER_MIN = 20;
  private static final int TCP_FIN = 0x01;
  private static final int TCP_PSH = 0x08;
  private static final int TCP_CWR = 0x80;

  private final int mtu;

  /** A segmenter whose segments never exceed {@code mtu} bytes (the TUN's MTU). */
  public Segmenter(int mtu) {
    this.mtu = mtu;
  }

  /**
   * Reads {@code length} bytes at {@code offset} (a virtio-net header, then one packet) and appends
   * the packets they stand for to {@code out}.
   */
  public Result segment(byte[] in, int offset, int length, Segments out) {
    if (length <= VirtioNetHeader.SIZE) {
      return Result.rejected(Rejection.MALFORMED);
    }
    VirtioNetHeader header = VirtioNetHeader.read(in, offset);
    int packet = offset + VirtioNetHeader.SIZE;
    int packetLength = length - VirtioNetHeader.SIZE;
    return switch (header.gsoKind()) {
      case VirtioNetHeader.GSO_NONE -> single(header, in, packet, packetLength, out);
      case VirtioNetHeader.GSO_TCPV4 -> tcp(header, in, packet, packetLength, 4, out);
      case VirtioNetHeader.GSO_TCPV6 -> tcp(header, in, packet, packetLength, 6, out);
      default -> Result.rejected(Rejection.UNSUPPORTED_GSO);
    };
  }

  /** One packet; completes its checksum when the kernel asked us to. */
  private static Result single(
      VirtioNetHeader header, byte[] in, int packet, int length, Segments out) {
    int start = header.checksumStart();
    int field = start + header.checksumOffset();
    if (header.needsChecksum() && (field + 2 > length || start >= length)) {
      return Result.rejected(Rejection.MALFORMED);
    }
    int at = out.add(length);
    byte[] data = out.data();
    System.arraycopy(in, packet, data, at, length);
    if (header.needsChecksum()) {
      // The field already holds the pseudo-header's sum, so summing it in completes the checksum.
      int sum = InternetChecksum.finish(InternetChecksum.add(0, data, at + start, length - start));
      // As the kernel does: a computed 0 is sent as 0xFFFF (for UDP, 0 means "no checksum").
      put16(data, at + field, sum == 0 ? 0xFFFF : sum);
    }
    return Result.of(1);
  }

  /** A TCP super-packet over IPv4 or IPv6 (without extension headers). */
  private Result tcp(
      VirtioNetHeader header, byte[] in, int packet, int length, int version, Segments out) {
    int ipLength = ipHeaderLength(in, packet, length, version);
    if (ipLength < 0 || length < ipLength + TCP_HEADER_MIN) {
      return Result.rejected(Rejection.MALFORMED);
    }
    int tcp = packet + ipLength;
    int tcpLength = (in[tcp + 12] >>> 4 & 0xF) * 4;
    int headers = ipLength + tcpLength;
    int mss = header.gsoSize();
    if (tcpLength < TCP_HEADER_MIN || length < headers || mss == 0 || headers + mss > mtu) {
      return Result.rejected(Rejection.MALFORMED);
    }
    int payload = length - headers;
    int count = Math.max(1, (payload + mss - 1) / mss);
    for (int i = 0; i < count; i++) {
      int chunk = Math.min(mss, payload - i * mss);
      int at = out.add(headers + chunk);
      byte[] data = out.data();
      System.arraycopy(in, packet, data, at, headers);
      System.arraycopy(in, packet + headers + i * mss, data, at + headers, chunk);
      fixIp(data, at, version, ipLength, headers + chunk, i);
      fixTcp(data, at, version, ipLength, tcpLength + chunk, i, count, (long) i * mss);
    }
    return Result.of(count);
  }

  /** The IP header's length, or -1 if this is not a TCP packet of the expected version. */
  private static int ipHeaderLength(byte[] in, int packet, int length, int version) {
    if (length < 1 || (in[packet] >>> 4 & 0xF) != version) {
      return -1;
    }
    if (version == 4) {
      int ihl = (in[packet] & 0xF) * 4;
      boolean ok = ihl >= IPV4_HEADER_MIN && length >= ihl && (in[packet + 9] & 0xFF) == TCP;
      return ok ? ihl : -1;
    }
    return length >= IPV6_HEADER && (in[packet + 6] & 0xFF) == TCP ? IPV6_HEADER : -1;
  }

  /** Segment {@code index}'s IP header: its length, and for IPv4 a fresh ID and checksum. */
  private static void fixIp(byte[] d, int at, int version, int ipLength, int total, int index) {
    if (version == 6) {
      put16(d, at + 4, total - IPV6_HEADER);
      return;
    }
    put16(d, at + 2, total);
    put16(d, at + 4, get16(d, at + 4) + index);
    put16(d, at + 10, 0);
    put16(d, at + 10, InternetChecksum.finish(InternetChecksum.add(0, d, at, ipLength)));
  }

  /** Segment {@code index}'s TCP header: sequence number, flags and a full checksum. */
  private static void fixTcp(
      byte[] d, int at, int version, int ipLength, int tcpTotal, int index, int count, long skip) {
    int tcp = at + ipLength;
    long sequence = (get32(d, tcp + 4) + skip) & 0xFFFF_FFFFL;
    put32(d, tcp + 4, sequence);
    int flags = d[tcp + 13] & 0xFF;
    if (index < count - 1) {
      flags &= ~(TCP_FIN | TCP_PSH);
    }
    if (index > 0) {
      flags &= ~TCP_CWR;
    }
    d[tcp + 13] = (byte) flags;
    put16(d, tcp + 16, 0);
    long sum =
        version == 4
            ? InternetChecksum.pseudoHeader4(d, at, TCP, tcpTotal)
            : InternetChecksum.pseudoHeader6(d, at, TCP, tcpTotal);
    put16(d, tcp + 16, InternetChecksum.finish(InternetChecksum.add(sum, d, tcp, tcpTotal)));
  }

  private static int get16(byte[] b, int i) {
    return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
  }

  private static long get32(byte[] b, int i) {
    return (long) get16(b, i) << 16 | get16(b, i + 2);
  }

  private static void put16(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 8);
    b[i + 1] = (byte) v;
  }

  private static void put32(byte[] b, int i, long v) {
    put16(b, i, (int) (v >>> 16));
    put16(b, i + 2, (int) v);
  }
}
