package dev.cordon.lab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A TCP transfer whose bytes are checked end to end: {@code sink --port P} accepts one connection,
 * hashes everything until EOF and answers with its SHA-256; {@code source --to HOST:P --bytes N
 * --seed S} sends N pseudo-random bytes and prints both hashes. Bounded by {@link #MAX_BYTES} and
 * socket timeouts.
 */
public final class ByteTransfer {
  static final long MAX_BYTES = 256L << 20;
  static final int TIMEOUT_MILLIS = 30_000;
  private static final int CHUNK = 64 * 1024;

  private ByteTransfer() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      throw new IllegalArgumentException(
          "usage: sink --port P | source --to H:P --bytes N --seed S");
    }
    var args = Args.parse(java.util.Arrays.copyOfRange(argv, 1, argv.length));
    switch (argv[0]) {
      case "sink" -> sink((int) args.number("--port", 9000));
      case "source" -> {
        String[] to = args.text("--to").split(":");
        long bytes = Math.min(args.number("--bytes", 8L << 20), MAX_BYTES);
        System.exit(source(to[0], Integer.parseInt(to[1]), bytes, args.number("--seed", 1)));
      }
      default -> throw new IllegalArgumentException("sink or source, not " + argv[0]);
    }
  }

  /** The SHA-256 of the {@code bytes} pseudo-random bytes that {@code seed} gives, as hex. */
  public static String expectedSha256(long seed, long bytes) {
    var digest = sha256();
    var stream = new Stream(seed);
    byte[] buf = new byte[CHUNK];
    for (long left = bytes; left > 0; ) {
      int n = (int) Math.min(buf.length, left);
      stream.fill(buf, n);
      digest.update(buf, 0, n);
      left -= n;
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void sink(int port) throws IOException {
    try (var server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.setSoTimeout(TIMEOUT_MILLIS);
      server.bind(new InetSocketAddress(port));
      System.out.println("listening port=" + port);
      System.out.flush();
      try (Socket s = server.accept()) {
        s.setSoTimeout(TIMEOUT_MILLIS);
        var digest = sha256();
        var in = s.getInputStream();
        byte[] buf = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0 && total <= MAX_BYTES; total += n) {
          digest.update(buf, 0, n);
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        String line = "received bytes=" + total + " sha256=" + hex;
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        s.shutdownOutput();
        System.out.println(line);
      }
    }
  }

  private static int source(String host, int port, long bytes, long seed) throws IOException {
    try (var s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      s.setSoTimeout(TIMEOUT_MILLIS);
      var digest = sha256();
      var stream = new Stream(seed);
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[CHUNK];
      for (long left = bytes; left > 0; ) {
        int n = (int) Math.min(buf.length, left);
        stream.fill(buf, n);
        digest.update(buf, 0, n);
        out.write(buf, 0, n);
        left -= n;
      }
      s.shutdownOutput();
      String sent = "sent bytes=" + bytes + " sha256=" + HexFormat.of().formatHex(digest.digest());
      var reply =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String received = reply.readLine();
      System.out.println(sent);
      System.out.println("sink " + received);
      boolean same = received != null && received.endsWith(sent.substring("sent".length()));
      return same ? 0 : 1;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Deterministic bytes from a seed, the same on both ends and in the test. */
  private static final class Stream {
    private final SplittableRandom random;

    Stream(long seed) {
      random = new SplittableRandom(seed);
    }

    void fill(byte[] buf, int n) {
      for (int i = 0; i < n; i += 8) {
        long v = random.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          buf[i + j] = (byte) (v >>> (8 * j));
        }
      }
    }
  }
}
