package dev.cordon.controller.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TxnRequestTest {
  @Test
  void aBranchPuttingOneKeyTwiceIsRefusedWithTheKeyNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TxnRequest(
                    List.of(), List.of(Op.put("/a", "1"), Op.put("/a", "2")), List.of()));
    assertTrue(e.getMessage().contains("/a"), e.getMessage());
  }

  @Test
  void aBranchPuttingAKeyItAlsoDeletesIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new TxnRequest(
                List.of(), List.of(), List.of(Op.put("/a/b", "1"), Op.deletePrefix("/a/"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TxnRequest(List.of(), List.of(Op.delete("/a"), Op.put("/a", "1")), List.of()));
  }

  @Test
  void theSameKeyInDifferentBranchesIsFine() {
    TxnRequest request =
        new TxnRequest(
            List.of(Compare.absent("/a")), List.of(Op.put("/a", "1")), List.of(Op.put("/a", "2")));
    assertEquals(1, request.then().size());
  }

  @Test
  void guardingARequestAddsTheFenceToItsCompares() {
    TxnRequest request = new TxnRequest(List.of(Compare.exists("/a")), List.of(), List.of());
    assertEquals(
        List.of(Compare.exists("/a"), Compare.createRevision("/leader", 7)),
        request.guardedBy(Compare.createRevision("/leader", 7)).compares());
  }

  @Test
  void thePrefixEndIsTheNextByteStringAfterEveryKeyWithThePrefix() {
    assertArrayEquals(new byte[] {'/', 'b'}, Keys.prefixEnd(new byte[] {'/', 'a'}));
    assertArrayEquals(new byte[] {'b'}, Keys.prefixEnd(new byte[] {'a', (byte) 0xff}));
    assertNull(Keys.prefixEnd(new byte[] {(byte) 0xff}), "no end: the range is open");
    assertNull(Keys.prefixEnd(new byte[0]), "the empty prefix covers everything");
  }
}
