package dev.cordon.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void prefixesOfBothFamiliesContainTheirAddressesOnly() {
    IpPrefix v4 = IpPrefix.parse("10.10.0.0/16");
    assertTrue(v4.contains(IpAddress.parse("10.10.255.1")));
    assertFalse(v4.contains(IpAddress.parse("10.11.0.0")));
    IpPrefix v6 = IpPrefix.parse("fd00:1::/32");
    assertTrue(v6.contains(IpAddress.parse("fd00:1:ffff::1")));
    assertFalse(v6.contains(IpAddress.parse("fd00:2::1")));
    assertFalse(v6.contains(IpAddress.parse("10.10.0.1")));
    assertEquals("10.10.255.255", v4.last().toString());
  }

  @Test
  void hostBitsAndBadLengthsAreRejectedWithAFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.1/8"));
    assertEquals("10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("fd00::/129"));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("camera.local"));
  }

  @Test
  void versionsCompareNumericallyPartByPart() {
    assertTrue(VersionNumber.parse("2.10").compareTo(VersionNumber.parse("2.9")) > 0);
    assertEquals(VersionNumber.parse("v2.1"), VersionNumber.parse("2.1.0"));
    assertThrows(IllegalArgumentException.class, () -> VersionNumber.parse("2.x"));
  }

  @Test
  void selectorsParseTrimmedPairs() {
    LabelSelector s = LabelSelector.parse(" type = camera ,site=hq");
    assertEquals("site=hq, type=camera", s.toString());
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("type=camera,"));
  }

  @Test
  void portSetsCoverAcrossAdjacentRangesButNotAcrossGaps() {
    PortSet joined = PortSet.of(new PortRange(80, 90), new PortRange(91, 100));
    assertTrue(joined.covers(PortSet.of(new PortRange(85, 95))));
    PortSet gap = PortSet.of(new PortRange(80, 90), new PortRange(92, 100));
    assertFalse(gap.covers(PortSet.of(new PortRange(85, 95))));
    assertTrue(PortSet.ANY.covers(gap));
    assertFalse(gap.covers(PortSet.ANY));
    assertTrue(gap.overlaps(PortSet.of(PortRange.of(95))));
    assertFalse(gap.overlaps(PortSet.of(PortRange.of(91))));
  }
}
