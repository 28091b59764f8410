package dev.cordon.tunnel.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedIpsTest {
  private final AllowedIps<String> table = new AllowedIps<>();

  private String at(String address) {
    return table.lookup(InetAddress.ofLiteral(address));
  }

  @Test
  void theLongestMatchingPrefixWinsAmongOverlappingOnes() {
    table.insert(IpPrefix.parse("10.0.0.0/8"), "wide");
    table.insert(IpPrefix.parse("10.1.0.0/16"), "middle");
    table.insert(IpPrefix.parse("10.1.2.0/24"), "narrow");
    assertEquals("narrow", at("10.1.2.3"));
    assertEquals("middle", at("10.1.3.3"));
    assertEquals("wide", at("10.200.0.1"));
    assertNull(at("11.0.0.1"), "no prefix holds 11.0.0.1");
  }

  @Test
  void aDefaultRouteCatchesEveryAddressOfItsFamilyOnly() {
    table.insert(IpPrefix.parse("0.0.0.0/0"), "v4-default");
    assertEquals("v4-default", at("203.0.113.9"));
    assertEquals("v4-default", at("0.0.0.0"));
    assertNull(at("2001:db8::1"), "an IPv4 default route never matches IPv6");
    table.insert(IpPrefix.parse("::/0"), "v6-default");
    assertEquals("v6-default", at("2001:db8::1"));
  }

  @Test
  void aHostPrefixMatchesExactlyOneAddress() {
    table.insert(IpPrefix.parse("100.64.0.7/32"), "host");
    table.insert(IpPrefix.parse("2001:db8::7/128"), "host6");
    assertEquals("host", at("100.64.0.7"));
    assertNull(at("100.64.0.6"));
    assertNull(at("100.64.0.8"));
    assertEquals("host6", at("2001:db8::7"));
    assertNull(at("2001:db8::6"));
  }

  @Test
  void reassigningAPrefixMovesItFromTheOldPeer() {
    table.insert(IpPrefix.parse("192.0.2.0/24"), "alice");
    table.insert(IpPrefix.parse("192.0.2.0/24"), "bob");
    assertEquals("bob", at("192.0.2.1"));
    assertEquals(List.of(), table.entries("alice"), "alice no longer holds the prefix");
    assertEquals(List.of(IpPrefix.parse("192.0.2.0/24")), table.entries("bob"));
  }

  @Test
  void removingANarrowPrefixFallsBackToTheWiderOne() {
    table.insert(IpPrefix.parse("10.0.0.0/8"), "wide");
    table.insert(IpPrefix.parse("10.1.0.0/16"), "narrow");
    assertEquals("narrow", table.remove(IpPrefix.parse("10.1.0.0/16")));
    assertEquals("wide", at("10.1.2.3"));
    assertNull(table.remove(IpPrefix.parse("10.1.0.0/16")), "nothing left to remove");
  }

  @Test
  void removingAPeerClearsAllItsPrefixesInBothFamiliesAndNoOthers() {
    table.insert(IpPrefix.parse("10.0.0.0/8"), "alice");
    table.insert(IpPrefix.parse("2001:db8::/32"), "alice");
    table.insert(IpPrefix.parse("10.1.0.0/16"), "bob");
    table.removeByPeer("alice");
    assertNull(at("10.2.0.1"));
    assertNull(at("2001:db8::1"));
    assertEquals("bob", at("10.1.0.1"));
    assertEquals(List.of(), table.entries("alice"));
    assertEquals(List.of("bob"), table.peers());
  }

  @Test
  void hostBitsOfAPrefixAreIgnored() {
    assertEquals(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.1.2.3/16"));
    assertEquals("10.1.0.0/16", IpPrefix.parse("10.1.2.3/16").toString());
    assertEquals("2001:db8:0:0:0:0:0:0/32", IpPrefix.parse("2001:db8::1/32").toString());
  }

  @Test
  void malformedPrefixesAreRefusedWithTheReason() {
    var tooLong = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/33"));
    assertEquals("prefix length 33 outside 0..32", tooLong.getMessage());
    var notAnAddress = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("host/8"));
    assertEquals("not an IP prefix: host/8", notAnAddress.getMessage());
    assertThrows(IllegalArgumentException.class, () -> table.lookup(new byte[5], 0, 5));
  }

  @Test
  void lookupsReadAddressesOutOfAPacketBuffer() {
    table.insert(IpPrefix.parse("100.64.1.0/24"), "peer");
    byte[] header = new byte[20];
    header[16] = 100;
    header[17] = 64;
    header[18] = 1;
    header[19] = 9;
    assertEquals("peer", table.lookup(header, 16, 4));
  }
}
