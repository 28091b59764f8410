package dev.cordon.lab.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Captures the payloads of IPv4 UDP datagrams from one source address to one port, as seen by the
 * namespace it runs in, with an AF_PACKET socket (the lab has no tcpdump): {@code --source ADDR
 * --port N --out FILE --count N --seconds S}. Writes one hex payload per line to FILE (atomically,
 * after each datagram), prints {@code captured n=N} as it goes, and ends after N datagrams or S
 * seconds. Lets a lab test replay real WireGuard messages from elsewhere.
 */
public final class UdpCapture {
  private static final int AF_PACKET = 17;
  private static final int SOCK_DGRAM = 2;
  private static final int ETH_P_IP_NETWORK_ORDER = 0x0008; // htons(0x0800)
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;

  private UdpCapture() {}

  public static void main(String[] argv) throws Throwable {
    Args args = Args.parse(argv);
    byte[] source = InetAddress.getByName(args.text("--source")).getAddress();
    int port = (int) args.number("--port", 51820);
    Path out = Path.of(args.text("--out"));
    long count = args.number("--count", 64);
    long deadline = System.nanoTime() + args.number("--seconds", 60) * 1_000_000_000L;

    Linker linker = Linker.nativeLinker();
    var libc = linker.defaultLookup();
    MethodHandle socket =
        linker.downcallHandle(
            libc.find("socket").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    MethodHandle setsockopt =
        linker.downcallHandle(
            libc.find("setsockopt").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    MethodHandle recv =
        linker.downcallHandle(
            libc.find("recv").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    int fd = (int) socket.invokeExact(AF_PACKET, SOCK_DGRAM, ETH_P_IP_NETWORK_ORDER);
    if (fd < 0) throw new IOException("socket(AF_PACKET) failed: needs root");
    List<String> lines = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment timeout = arena.allocate(16);
      timeout.set(JAVA_LONG, 0, 0); // seconds
      timeout.set(JAVA_LONG, 8, 200_000); // microseconds: wake up to check the deadline
      int rc = (int) setsockopt.invokeExact(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16);
      if (rc != 0) throw new IOException("setsockopt(SO_RCVTIMEO) failed");
      MemorySegment buffer = arena.allocate(65_536);
      System.out.println("capturing");
      System.out.flush();
      while (lines.size() < count && System.nanoTime() < deadline) {
        long n = (long) recv.invokeExact(fd, buffer, 65_536L, 0);
        if (n <= 0) continue;
        byte[] packet = buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        byte[] payload = udpPayload(packet, source, port);
        if (payload == null) continue;
        lines.add(HexFormat.of().formatHex(payload));
        write(out, lines);
        System.out.println(
            "captured n=" + lines.size() + " type=" + (payload.length > 0 ? payload[0] : -1));
        System.out.flush();
      }
    }
    System.out.println("capture done n=" + lines.size());
  }

  /** The UDP payload of an IPv4 packet from {@code source} to {@code port}, else null. */
  static byte[] udpPayload(byte[] p, byte[] source, int port) {
    if (p.length < 28 || (p[0] >> 4) != 4 || p[9] != 17) return null;
    if (!Arrays.equals(p, 12, 16, source, 0, 4)) return null;
    int ihl = (p[0] & 0x0f) * 4;
    // The IP length, not the frame's: a short frame carries Ethernet padding after the packet.
    int total = Math.min(p.length, ((p[2] & 0xff) << 8) | (p[3] & 0xff));
    if (total < ihl + 8) return null;
    int dst = ((p[ihl + 2] & 0xff) << 8) | (p[ihl + 3] & 0xff);
    if (dst != port) return null;
    return Arrays.copyOfRange(p, ihl + 8, total);
  }

  private static void write(Path out, List<String> lines) throws IOException {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.US_ASCII);
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
