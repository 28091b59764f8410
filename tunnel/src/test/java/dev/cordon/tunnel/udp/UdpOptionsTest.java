package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UdpOptionsTest {

  @Test
  void theDefaultsBindTheWildcardOnAnEphemeralPortWithBatchingOn() {
    UdpOptions options = UdpOptions.DEFAULT;
    assertTrue(options.socketAddress().getAddress().isAnyLocalAddress());
    assertEquals(0, options.port());
    assertTrue(options.udpGro() && options.udpGso(), "offloads on by default");
    assertTrue(options.maxBatch() > 1 && options.readSlots() > 1, "batching on by default");
  }

  @Test
  void aBuilderRoundTripsEveryField() {
    UdpOptions options =
        UdpOptions.builder()
            .bindAddress(InetAddress.getLoopbackAddress())
            .port(51820)
            .forceNio(true)
            .socketBufferBytes(1 << 20)
            .reusePort(true)
            .udpGro(false)
            .udpGso(false)
            .maxDatagramSize(1500)
            .readSlots(8)
            .maxBatch(32)
            .build();
    assertEquals(options, options.toBuilder().build());
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheirName() {
    var bad =
        assertThrows(
            IllegalArgumentException.class, () -> UdpOptions.builder().port(70000).build());
    assertTrue(bad.getMessage().contains("port"), bad.getMessage());
    bad =
        assertThrows(
            IllegalArgumentException.class, () -> UdpOptions.builder().maxBatch(0).build());
    assertTrue(bad.getMessage().contains("maxBatch"), bad.getMessage());
    bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> UdpOptions.builder().maxDatagramSize(70000).build());
    assertTrue(bad.getMessage().contains("maxDatagramSize"), bad.getMessage());
  }
}
