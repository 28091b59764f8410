package dev.cordon.lab.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A device's traffic toward a service, checked byte for byte. Two modes, both bounded in bytes and
 * time:
 *
 * <ul>
 *   <li>{@code once HOST PORT BYTES TIMEOUT_MS [BIND]}: connect, send BYTES, read them back; prints
 *       {@code echoed bytes=N} and exits 0, or {@code failed: why} and exits 1. BIND sets the
 *       source address (to impersonate another overlay address).
 *   <li>{@code stream HOST PORT MAX_SECONDS STALL_MS}: a paced transfer (1 KiB every 20 ms) that
 *       prints {@code progress echoed=N} about every 200 ms; exits 0 with {@code done echoed=N}
 *       after MAX_SECONDS, or 3 with {@code stalled echoed=N} when nothing comes back for STALL_MS.
 * </ul>
 */
public final class Probe {
  static final int CHUNK = 1024;
  static final long PACE_MILLIS = 20;
  static final int MAX_ONCE_BYTES = 16 << 20;

  private Probe() {}

  public static void main(String[] args) {
    try {
      int code =
          switch (args[0]) {
            case "once" ->
                once(
                    args[1],
                    Integer.parseInt(args[2]),
                    Math.min(Integer.parseInt(args[3]), MAX_ONCE_BYTES),
                    Integer.parseInt(args[4]),
                    args.length > 5 ? args[5] : null);
            case "stream" ->
                stream(
                    args[1],
                    Integer.parseInt(args[2]),
                    Long.parseLong(args[3]),
                    Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("once or stream, not " + args[0]);
          };
      System.out.flush();
      System.exit(code);
    } catch (IOException | RuntimeException e) {
      System.out.println("failed: " + e);
      System.out.flush();
      System.exit(1);
    }
  }

  private static int once(String host, int port, int bytes, int timeoutMillis, String bind)
      throws IOException {
    byte[] sent = new byte[bytes];
    new SplittableRandom(bytes).nextBytes(sent);
    try (var s = new Socket()) {
      if (bind != null) {
        s.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
      }
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      var received = new byte[bytes];
      // Writes in chunks and reads as it goes, so neither side's buffers fill up.
      int written = 0;
      int read = 0;
      while (read < bytes) {
        if (written < bytes) {
          int n = Math.min(CHUNK * 16, bytes - written);
          out.write(sent, written, n);
          written += n;
        }
        int n = in.read(received, read, Math.min(bytes - read, written - read));
        if (n < 0) {
          System.out.println("failed: connection closed after " + read + " bytes");
          return 1;
        }
        read += n;
      }
      if (!Arrays.equals(sent, received)) {
        System.out.println("failed: the echo differs from what was sent");
        return 1;
      }
      System.out.println("echoed bytes=" + read);
      return 0;
    }
  }

  private static int stream(String host, int port, long maxSeconds, int stallMillis)
      throws IOException {
    long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
    byte[] chunk = new byte[CHUNK];
    byte[] back = new byte[CHUNK];
    long echoed = 0;
    long lastReport = 0;
    try (var s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), stallMillis);
      s.setSoTimeout(stallMillis);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      System.out.println("connected");
      while (System.nanoTime() - end < 0) {
        out.write(chunk);
        out.flush();
        try {
          for (int got = 0; got < CHUNK; ) {
            int n = in.read(back, got, CHUNK - got);
            if (n < 0) {
              System.out.println("stalled echoed=" + echoed + " (closed)");
              return 3;
            }
            got += n;
          }
        } catch (SocketTimeoutException | java.net.SocketException e) {
          System.out.println("stalled echoed=" + echoed);
          return 3;
        }
        echoed += CHUNK;
        long now = System.nanoTime();
        if (now - lastReport > 200_000_000L) {
          System.out.println("progress echoed=" + echoed);
          System.out.flush();
          lastReport = now;
        }
        sleep(PACE_MILLIS);
      }
    }
    System.out.println("done echoed=" + echoed);
    return 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
