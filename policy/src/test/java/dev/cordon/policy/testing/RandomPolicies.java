package dev.cordon.policy.testing;

import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.LabelSelector;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.PostureCondition;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Quarantine;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.model.TimeWindow;
import dev.cordon.policy.model.VersionRange;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Small random documents, devices and flows over deliberately few values, so they collide. */
public final class RandomPolicies {
  public static final List<String> PREFIXES =
      List.of(
          "10.0.0.0/8",
          "10.1.0.0/16",
          "10.1.2.0/24",
          "10.1.2.3",
          "10.1.2.128/25",
          "192.0.2.0/24",
          "fd00::/64",
          "fd00::5",
          "::/0",
          "0.0.0.0/0",
          "100.64.0.0/10");
  private static final List<String> TYPES = List.of("a", "b", "c");
  private static final List<String> SITES = List.of("x", "y");
  private static final List<Integer> PORTS = List.of(22, 80, 443, 1500, 3000);
  private static final List<Integer> PROTOS =
      List.of(Protocol.IP_TCP, Protocol.IP_UDP, Protocol.IP_ICMP, Protocol.IP_ICMPV6);

  private final Random rnd;

  public RandomPolicies(long seed) {
    this.rnd = new Random(seed);
  }

  public Random random() {
    return rnd;
  }

  private <T> T pick(List<T> l) {
    return l.get(rnd.nextInt(l.size()));
  }

  public PolicyDocument document() {
    PolicyDocument.Builder b = PolicyDocument.builder();
    b.gateway(new Gateway("hq", rnd.nextBoolean()))
        .gateway(new Gateway("plant", rnd.nextBoolean()));
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < 2 + rnd.nextInt(3); i++) {
      String name = "s" + i;
      segments.add(name);
      List<LabelSelector> sel = new ArrayList<>();
      if (rnd.nextInt(4) > 0) {
        sel.add(
            rnd.nextBoolean()
                ? new LabelSelector(Map.of("type", pick(TYPES)))
                : new LabelSelector(Map.of("type", pick(TYPES), "site", pick(SITES))));
      }
      // Explicit members by id ("d3") or by name ("n3"; names repeat across devices).
      Set<String> ids =
          sel.isEmpty() || rnd.nextInt(3) == 0
              ? Set.of((rnd.nextBoolean() ? "d" : "n") + rnd.nextInt(12))
              : Set.of();
      b.segment(new Segment(name, ids, sel));
    }
    List<String> services = new ArrayList<>();
    for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
      String name = "v" + i;
      services.add(name);
      b.service(
          new Service(
              name,
              rnd.nextBoolean() ? "hq" : "plant",
              IpPrefix.parse(pick(PREFIXES)),
              protocol(),
              ports()));
    }
    for (int i = 0; i < 1 + rnd.nextInt(8); i++) b.rule(rule("r" + i, segments, services));
    if (rnd.nextBoolean()) {
      b.quarantine(
          new Quarantine(
              "quarantine",
              subset(services),
              rnd.nextInt(4) == 0 ? Set.of(pick(segments)) : Set.of()));
    }
    return b.build();
  }

  private Rule rule(String name, List<String> segments, List<String> services) {
    Rule.Builder r = rnd.nextInt(3) == 0 ? Rule.deny(name) : Rule.allow(name);
    if (rnd.nextInt(4) == 0) r.fromAny();
    else {
      r.from(pick(segments));
      if (rnd.nextBoolean()) r.from(pick(segments));
      if (rnd.nextInt(6) == 0) r.from("quarantine");
    }
    int to = rnd.nextInt(3);
    if (to != 1) r.toServices(subsetNonEmpty(services).toArray(String[]::new));
    if (to != 0) r.toSegments(pick(segments));
    if (rnd.nextInt(3) == 0) r.protocol(protocol());
    PortSet p = rnd.nextInt(3) == 0 ? ports() : PortSet.ANY;
    r.ports(p.ranges().toArray(PortRange[]::new));
    if (rnd.nextInt(4) == 0)
      r.posture(
          new PostureCondition(
              VersionRange.of("2.0", rnd.nextBoolean() ? "3.0" : null), null, null));
    if (rnd.nextInt(5) == 0) r.sites(pick(SITES));
    if (rnd.nextInt(4) == 0) {
      ZoneId zone =
          ZoneId.of(pick(List.of("UTC", "Europe/Berlin", "Asia/Tokyo", "America/New_York")));
      EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (DayOfWeek d : DayOfWeek.values()) if (rnd.nextBoolean()) days.add(d);
      if (days.isEmpty()) days.add(DayOfWeek.MONDAY);
      int start = rnd.nextInt(24) * 60;
      int end = (start + 60 * (1 + rnd.nextInt(22))) % 1440;
      r.window(new TimeWindow(zone, days, start, end == start ? (start + 60) % 1440 : end));
    }
    return r.build();
  }

  private Protocol protocol() {
    return pick(List.of(Protocol.values()));
  }

  private PortSet ports() {
    if (rnd.nextInt(3) == 0) return PortSet.ANY;
    List<PortRange> l = new ArrayList<>();
    l.add(PortRange.of(pick(PORTS)));
    if (rnd.nextBoolean()) l.add(new PortRange(1000, 2000));
    return new PortSet(l);
  }

  private Set<String> subset(List<String> all) {
    Set<String> s = new java.util.LinkedHashSet<>();
    for (String x : all) if (rnd.nextBoolean()) s.add(x);
    return s;
  }

  private Set<String> subsetNonEmpty(List<String> all) {
    Set<String> s = subset(all);
    if (s.isEmpty()) s.add(pick(all));
    return s;
  }

  /** Device {@code d<index>} with random labels, status, posture, site and a unique address. */
  public DeviceRecord device(int index, int addressSalt) {
    Fixtures.DeviceBuilder b =
        Fixtures.device("d" + index).name("n" + rnd.nextInt(12)).label("site", pick(SITES));
    // The type as a label, as a token's type, or both (the label wins), or neither.
    int t = rnd.nextInt(4);
    if (t != 1) b.type(pick(TYPES));
    if (t != 0) b.tokenType(pick(TYPES));
    // Token segments, sometimes one the document does not define ("s9").
    if (rnd.nextInt(3) == 0) b.tokenSegment("s" + pick(List.of(0, 1, 2, 3, 9)));
    int s = rnd.nextInt(10);
    b.status(
        s < 6
            ? DeviceStatus.ACTIVE
            : s < 8
                ? DeviceStatus.QUARANTINED
                : s < 9 ? DeviceStatus.REVOKED : DeviceStatus.PENDING);
    String fw = pick(java.util.Arrays.asList("1.0", "2.0", "2.5", "3.0", null));
    b.posture(fw, null, null)
        .site(rnd.nextInt(4) == 0 ? null : pick(SITES))
        .keySeed(rnd.nextInt(256));
    int host = index * 16 + addressSalt % 16;
    b.address(
        rnd.nextInt(4) == 0
            ? IpAddress.parse("fd7a::" + Integer.toHexString(host + 1))
            : IpAddress.v4(0x6440_0000L + host + 1));
    return b.build();
  }

  public List<DeviceRecord> devices(int n) {
    List<DeviceRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(device(i, 0));
    return out;
  }

  /** A destination worth asking about: inside a service prefix, at a device, or elsewhere. */
  public IpAddress destination(List<DeviceRecord> devices) {
    int k = rnd.nextInt(4);
    if (k == 0 && !devices.isEmpty()) return pick(devices).overlayAddress();
    if (k == 1)
      return IpAddress.parse(
          pick(
              List.of(
                  "10.1.2.3",
                  "10.1.2.200",
                  "10.200.0.1",
                  "192.0.2.1",
                  "fd00::5",
                  "fd00::9",
                  "203.0.113.7",
                  "2001:db8::1")));
    IpPrefix p = IpPrefix.parse(pick(PREFIXES));
    return rnd.nextBoolean() ? p.first() : p.last();
  }

  public int proto() {
    return pick(PROTOS);
  }

  public int port(int proto) {
    return Protocol.hasPorts(proto) ? pick(PORTS) : 0;
  }

  /** Some instant in March 2026, to the minute. */
  public long time() {
    return java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli()
        + rnd.nextInt(31 * 1440) * 60_000L;
  }
}
