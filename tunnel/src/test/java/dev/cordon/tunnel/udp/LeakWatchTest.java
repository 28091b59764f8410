package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakWatchTest {

  @Test
  void aBufferDroppedWithoutReleaseIsReportedAsALeak() throws InterruptedException {
    LeakWatch.install();
    leakOneBuffer();
    List<String> leaks = LeakWatch.provokeReports(50);
    LeakWatch.forget();
    assertFalse(leaks.isEmpty(), "the detector never reported the dropped buffer");
  }

  private static void leakOneBuffer() {
    ByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
  }
}
