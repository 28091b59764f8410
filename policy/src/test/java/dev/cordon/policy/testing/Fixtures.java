package dev.cordon.policy.testing;

import dev.cordon.policy.load.PolicyLoader;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Posture;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Devices and documents for tests, built so a test reads as intent. */
public final class Fixtures {
  private Fixtures() {}

  public static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PolicyDocument example() {
    return PolicyLoader.load(resource("example-policy.yaml")).orThrow();
  }

  public static DeviceBuilder device(String id) {
    return new DeviceBuilder(id);
  }

  /** A device record with sensible defaults: active, a key derived from the id, no posture. */
  public static final class DeviceBuilder {
    private final String id;
    private final Map<String, String> labels = new HashMap<>();
    private final Set<String> segments = new HashSet<>();
    private String name;
    private String deviceType = "";
    private DeviceStatus status = DeviceStatus.ACTIVE;
    private IpAddress address;
    private Posture posture = Posture.UNKNOWN;
    private String site;
    private byte keySeed;

    private DeviceBuilder(String id) {
      this.id = id;
      this.name = id;
      this.keySeed = (byte) id.hashCode();
      this.address = IpAddress.v4(0x6440_0000L + (id.hashCode() & 0xffff)); // 100.64.x.y
    }

    public DeviceBuilder label(String k, String v) {
      labels.put(k, v);
      return this;
    }

    public DeviceBuilder type(String t) {
      return label("type", t);
    }

    public DeviceBuilder name(String n) {
      name = n;
      return this;
    }

    /** The type an enrollment token gave (not a label). */
    public DeviceBuilder tokenType(String t) {
      deviceType = t;
      return this;
    }

    /** A segment an enrollment token named. */
    public DeviceBuilder tokenSegment(String s) {
      segments.add(s);
      return this;
    }

    public DeviceBuilder status(DeviceStatus s) {
      status = s;
      return this;
    }

    public DeviceBuilder address(String a) {
      address = IpAddress.parse(a);
      return this;
    }

    public DeviceBuilder address(IpAddress a) {
      address = a;
      return this;
    }

    public DeviceBuilder posture(String firmware, String os, String patchLevel) {
      posture = Posture.of(firmware, os, patchLevel);
      return this;
    }

    public DeviceBuilder site(String s) {
      site = s;
      return this;
    }

    public DeviceBuilder keySeed(int seed) {
      keySeed = (byte) seed;
      return this;
    }

    public DeviceRecord build() {
      byte[] key = new byte[32];
      java.util.Arrays.fill(key, keySeed);
      return new DeviceRecord(
          id, name, key, address, labels, deviceType, segments, status, posture, site);
    }
  }
}
