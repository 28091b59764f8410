package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns Netty's leak detector reports into test failures. The detector only reports a leak after
 * the garbage collector has found an unreleased buffer and some later allocation asks it to look,
 * so {@link #assertNoLeaks()} collects garbage and allocates a few times before it looks.
 */
final class LeakWatch {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static boolean installed;

  private LeakWatch() {}

  static synchronized void install() {
    assertEquals(
        ResourceLeakDetector.Level.PARANOID,
        ResourceLeakDetector.getLevel(),
        "tests must run with -Dio.netty.leakDetection.level=paranoid");
    if (installed) {
      return;
    }
    byteBufDetector().setLeakListener((type, records) -> LEAKS.add(type + "\n" + records));
    installed = true;
  }

  /** Fails if the detector reports an unreleased buffer after a few collections. */
  static void assertNoLeaks() throws InterruptedException {
    provokeReports(4);
    if (!LEAKS.isEmpty()) {
      String report = String.join("\n----\n", LEAKS);
      LEAKS.clear();
      fail("Netty reported leaked buffers:\n" + report);
    }
  }

  /** Collects garbage and allocates until a leak is reported, or {@code rounds} times. */
  static List<String> provokeReports(int rounds) throws InterruptedException {
    for (int i = 0; i < rounds && LEAKS.isEmpty(); i++) {
      System.gc();
      Thread.sleep(20);
      for (int j = 0; j < 8; j++) {
        ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(16);
        probe.release();
      }
    }
    return List.copyOf(LEAKS);
  }

  static void forget() {
    LEAKS.clear();
  }

  @SuppressWarnings("unchecked")
  private static ResourceLeakDetector<ByteBuf> byteBufDetector() {
    try {
      Class<?> owner = Class.forName("io.netty.buffer.AbstractByteBuf");
      Field field = owner.getDeclaredField("leakDetector");
      field.setAccessible(true);
      return (ResourceLeakDetector<ByteBuf>) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot hook Netty's ByteBuf leak detector", e);
    }
  }
}
