package dev.cordon.tunnel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cordon.tunnel.protocol.message.TransportMessage;
import org.junit.jupiter.api.Test;

class KeypairTest {
  private static Keypair keypair() {
    return new Keypair(new byte[32], new byte[32], 1, 2, true, 0);
  }

  @Test
  void sendCountersStartAtZeroAndCountUp() {
    Keypair k = keypair();
    assertEquals(0, k.nextSendCounter());
    assertEquals(1, k.nextSendCounter());
    assertEquals(2, k.sendCount());
  }

  @Test
  void aDestroyedKeypairNeitherSealsNorOpens() {
    Keypair k = keypair();
    byte[] buf = new byte[32];
    int len = k.sealTransport(new byte[0], 0, 0, buf, 0);
    assertEquals(32, len);
    k.destroy();
    TransportMessage view = new TransportMessage();
    view.wrap(buf, 0, len);
    assertFalse(k.openTransport(view, new byte[0], 0));
    assertEquals(-1, k.sealTransport(new byte[0], 0, 0, buf, 0));
  }
}
