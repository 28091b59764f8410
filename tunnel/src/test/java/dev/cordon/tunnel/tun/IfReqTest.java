package dev.cordon.tunnel.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IfReqTest {
  private static String hex(MemorySegment segment) {
    return HexFormat.of().formatHex(segment.toArray(ValueLayout.JAVA_BYTE));
  }

  @Test
  void tunSetIffCarriesTheNulPaddedNameThenTunAndNoPiFlagsLittleEndian() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq =
          IfReq.withFlags(arena, "cordon0", (short) (TunDevice.IFF_TUN | TunDevice.IFF_NO_PI));
      assertEquals(40, ifreq.byteSize(), "struct ifreq is 40 bytes on 64-bit Linux");
      // "cordon0", NUL padding to 16 bytes, then flags 0x1001 little-endian, then zeros.
      assertEquals("636f72646f6e30" + "00".repeat(9) + "0110" + "00".repeat(22), hex(ifreq));
    }
  }

  @Test
  void theMtuIsAnIntAtTheStartOfTheUnion() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq = IfReq.withMtu(arena, "t", 1420);
      byte[] expected = new byte[40];
      expected[0] = 't';
      expected[16] = (byte) 0x8c; // 1420 = 0x058c, little-endian
      expected[17] = 0x05;
      assertArrayEquals(expected, ifreq.toArray(ValueLayout.JAVA_BYTE));
    }
  }

  @Test
  void theNameTheKernelWroteBackIsReadUpToItsNul() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq = IfReq.withFlags(arena, "tun%d", (short) 0);
      ifreq.set(ValueLayout.JAVA_BYTE, 3, (byte) '7');
      ifreq.set(ValueLayout.JAVA_BYTE, 4, (byte) 0);
      assertEquals("tun7", IfReq.name(ifreq));
      MemorySegment full = IfReq.withFlags(arena, "abcdefghijklmno", (short) 0);
      assertEquals("abcdefghijklmno", IfReq.name(full), "fifteen characters plus the NUL fill it");
    }
  }

  @Test
  void namesTheKernelWouldRefuseAreRefusedBeforeAnySystemCall() {
    for (String bad :
        new String[] {"", "abcdefghijklmnop", "a/b", "a b", "a:1", ".", "..", "tün"}) {
      var error = assertThrows(IllegalArgumentException.class, () -> IfReq.checkName(bad), bad);
      assertEquals(
          "interface name \""
              + bad
              + "\" must be 1 to 15 printable ASCII characters without '/', ':' or spaces",
          error.getMessage());
    }
  }
}
