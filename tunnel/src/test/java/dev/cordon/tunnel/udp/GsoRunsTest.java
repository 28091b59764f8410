package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GsoRunsTest {
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1000);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 1001);

  private final DatagramBatch batch = new DatagramBatch(8);

  @AfterEach
  void release() {
    batch.release();
  }

  private void add(InetSocketAddress peer, int... sizes) {
    for (int size : sizes) {
      batch.add(peer, Unpooled.buffer(size).writeZero(size));
    }
  }

  @Test
  void equalSizesToOnePeerFormOneRun() {
    add(A, 100, 100, 100, 100);
    assertEquals(4, GsoRuns.runEnd(batch, 0, 64, 65000));
  }

  @Test
  void aShorterDatagramEndsTheRunButBelongsToIt() {
    add(A, 100, 100, 60, 100);
    assertEquals(3, GsoRuns.runEnd(batch, 0, 64, 65000), "the short datagram closes the run");
    assertEquals(4, GsoRuns.runEnd(batch, 3, 64, 65000));
  }

  @Test
  void aLongerDatagramStartsANewRun() {
    add(A, 100, 100, 120, 120);
    assertEquals(2, GsoRuns.runEnd(batch, 0, 64, 65000));
    assertEquals(4, GsoRuns.runEnd(batch, 2, 64, 65000));
  }

  @Test
  void anotherPeerStartsANewRun() {
    add(A, 100, 100);
    add(B, 100, 100);
    assertEquals(2, GsoRuns.runEnd(batch, 0, 64, 65000));
    assertEquals(4, GsoRuns.runEnd(batch, 2, 64, 65000));
  }

  @Test
  void aRunStopsAtTheSegmentAndByteLimits() {
    add(A, 100, 100, 100, 100, 100);
    assertEquals(3, GsoRuns.runEnd(batch, 0, 3, 65000), "segment limit");
    assertEquals(2, GsoRuns.runEnd(batch, 0, 64, 250), "byte limit");
  }

  @Test
  void emptyDatagramsNeverJoinARun() {
    add(A, 0, 0, 100, 0);
    assertEquals(1, GsoRuns.runEnd(batch, 0, 64, 65000));
    assertEquals(3, GsoRuns.runEnd(batch, 2, 64, 65000));
  }
}
