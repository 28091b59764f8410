package dev.cordon.lab.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded bursts of hostile datagrams at a WireGuard port, from one unconnected UDP socket that
 * also counts every datagram that comes back: {@code --target HOST:PORT --responder-public-key B64
 * [--captured FILE] [--listen-ms N] [--pace-us N]}. Kinds, in order: every message type at every
 * wrong length (0..200 and 1500), random bytes, initiations from an unknown key, initiations with a
 * bad mac1, and, from FILE (hex payloads captured from a real peer), its initiations replayed, its
 * transport messages replayed (old counters) and with one bit flipped, plus transport messages
 * under receiver indexes nobody gave out. Prints {@code sent KIND=N} per kind, then {@code
 * answered=N} after listening {@code --listen-ms} more: a responder that gives nothing away answers
 * 0. Paced, so a responder under test is never pushed into its under-load (cookie) mode.
 */
public final class HostileDatagrams {
  static final int TRANSPORT = 4;
  static final int TRANSPORT_MIN = 32;
  static final int[] VALID_LENGTH = {0, 148, 92, 64};

  private HostileDatagrams() {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    String[] target = args.text("--target").split(":");
    var to = new InetSocketAddress(target[0], Integer.parseInt(target[1]));
    byte[] responder = Base64.getDecoder().decode(args.text("--responder-public-key"));
    long listenMillis = args.number("--listen-ms", 2_000);
    long paceMicros = args.number("--pace-us", 500);
    List<byte[]> captured = new ArrayList<>();
    String file = args.text("--captured", "");
    if (!file.isEmpty()) {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (!line.isBlank()) captured.add(HexFormat.of().parseHex(line.strip()));
      }
    }
    var random = new SecureRandom();
    Map<String, List<byte[]>> kinds = new LinkedHashMap<>();
    kinds.put("wrong_length", wrongLengths(random));
    kinds.put("random_bytes", randomBytes(random, 300));
    kinds.put("unknown_key_initiation", unknownKey(responder, random, 20));
    kinds.put("bad_mac1_initiation", badMac1(responder, random, 20));
    kinds.put("replayed_initiation", ofType(captured, 1));
    kinds.put("replayed_transport", ofType(captured, TRANSPORT));
    kinds.put("flipped_transport", flipped(ofType(captured, TRANSPORT), random));
    kinds.put("unknown_index_transport", unknownIndex(random, 100));

    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress(0));
      ch.configureBlocking(false);
      ByteBuffer in = ByteBuffer.allocate(65_536);
      long answered = 0;
      for (var kind : kinds.entrySet()) {
        for (byte[] d : kind.getValue()) {
          ch.send(ByteBuffer.wrap(d), to);
          answered += drain(ch, in);
          pause(paceMicros);
        }
        System.out.println("sent " + kind.getKey() + "=" + kind.getValue().size());
        System.out.flush();
      }
      long end = System.nanoTime() + listenMillis * 1_000_000L;
      while (System.nanoTime() < end) {
        answered += drain(ch, in);
        pause(10_000);
      }
      System.out.println("answered=" + answered);
    }
  }

  private static long drain(DatagramChannel ch, ByteBuffer in) throws java.io.IOException {
    long n = 0;
    while (true) {
      in.clear();
      if (ch.receive(in) == null) return n;
      n++;
      System.out.println(
          "answer type=" + (in.position() > 0 ? in.get(0) : -1) + " length=" + in.position());
    }
  }

  /** Types 1..4 at each length from 0 to 200 and 1500 that is not theirs (transport: under 32). */
  static List<byte[]> wrongLengths(SecureRandom random) {
    List<byte[]> out = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    for (int n = 0; n <= 200; n++) lengths.add(n);
    lengths.add(1500);
    for (int type = 1; type <= 4; type++) {
      for (int n : lengths) {
        boolean valid = type == TRANSPORT ? n >= TRANSPORT_MIN : n == VALID_LENGTH[type - 1];
        if (valid || (n == 0 && type > 1)) continue; // one empty datagram is enough
        byte[] d = new byte[n];
        random.nextBytes(d);
        if (n > 0) {
          d[0] = (byte) type;
          for (int i = 1; i < Math.min(4, n); i++) d[i] = 0;
        }
        out.add(d);
      }
    }
    return out;
  }

  static List<byte[]> randomBytes(SecureRandom random, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] d = new byte[1 + random.nextInt(1500)];
      random.nextBytes(d);
      out.add(d);
    }
    return out;
  }

  static List<byte[]> unknownKey(byte[] responder, SecureRandom random, int count) {
    var initiations = new Initiations(Keys.generate(), responder, random);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(initiations.create(random.nextInt(), System.currentTimeMillis() * 1_000_000L + i));
    }
    return out;
  }

  static List<byte[]> badMac1(byte[] responder, SecureRandom random, int count) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] d : unknownKey(responder, random, count)) {
      d[116 + random.nextInt(16)] ^= (byte) (1 << random.nextInt(8));
      out.add(d);
    }
    return out;
  }

  static List<byte[]> ofType(List<byte[]> captured, int type) {
    return captured.stream().filter(d -> d.length >= 4 && d[0] == type).toList();
  }

  /** Each message with one bit flipped after its header (in counter, ciphertext or tag). */
  static List<byte[]> flipped(List<byte[]> messages, SecureRandom random) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] m : messages) {
      byte[] d = m.clone();
      int at = 8 + random.nextInt(d.length - 8);
      d[at] ^= (byte) (1 << random.nextInt(8));
      out.add(d);
    }
    return out;
  }

  static List<byte[]> unknownIndex(SecureRandom random, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] d = new byte[TRANSPORT_MIN + 16 * random.nextInt(8)];
      random.nextBytes(d);
      ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(0, TRANSPORT);
      out.add(d);
    }
    return out;
  }

  private static void pause(long micros) {
    java.util.concurrent.locks.LockSupport.parkNanos(micros * 1_000L);
  }
}
