package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramBatchTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 51820);

  @Test
  void aBatchGrowsPastItsInitialCapacityAndKeepsOrder() {
    DatagramBatch batch = new DatagramBatch(1);
    List<ByteBuf> added = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ByteBuf payload = Unpooled.buffer(4).writeInt(i);
      added.add(payload);
      batch.add(PEER, payload);
    }
    assertEquals(5, batch.count());
    for (int i = 0; i < 5; i++) {
      assertSame(added.get(i), batch.payload(i), "payload " + i + " moved");
      assertSame(PEER, batch.address(i));
    }
    batch.release();
  }

  @Test
  void releasingABatchReleasesEveryPayloadOnceAndEmptiesIt() {
    DatagramBatch batch = new DatagramBatch(2);
    ByteBuf first = Unpooled.buffer(8);
    ByteBuf second = Unpooled.directBuffer(8);
    batch.add(PEER, first);
    batch.add(PEER, second);
    batch.release();
    batch.release();
    assertEquals(0, first.refCnt(), "first payload still referenced");
    assertEquals(0, second.refCnt(), "second payload still referenced");
    assertTrue(batch.isEmpty());
  }

  @Test
  void aTakenPayloadBelongsToTheTakerAndIsNotReleasedWithTheBatch() {
    DatagramBatch batch = new DatagramBatch(1);
    ByteBuf payload = Unpooled.buffer(8);
    batch.add(PEER, payload);
    ByteBuf taken = batch.take(0);
    batch.release();
    assertEquals(1, taken.refCnt(), "the batch released a payload it no longer owned");
    taken.release();
  }

  @Test
  void indexesOutsideTheBatchAreRefused() {
    DatagramBatch batch = new DatagramBatch(4);
    batch.add(PEER, Unpooled.buffer(1));
    assertThrows(IndexOutOfBoundsException.class, () -> batch.payload(1));
    assertThrows(IndexOutOfBoundsException.class, () -> batch.address(-1));
    batch.release();
    assertThrows(IndexOutOfBoundsException.class, () -> batch.payload(0));
  }

  @Test
  void missingAddressesPayloadsAndCapacitiesAreRefused() {
    DatagramBatch batch = new DatagramBatch(1);
    assertThrows(NullPointerException.class, () -> batch.add(null, Unpooled.buffer(1)));
    assertThrows(NullPointerException.class, () -> batch.add(PEER, null));
    assertThrows(IllegalArgumentException.class, () -> new DatagramBatch(0));
  }
}
