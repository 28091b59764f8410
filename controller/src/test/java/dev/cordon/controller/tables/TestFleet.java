package dev.cordon.controller.tables;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.ca.WireGuardPublicKey;
import dev.cordon.controller.registry.Credential;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.DeviceStatus;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.registry.Registry;
import dev.cordon.controller.registry.RegistryListener;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Store;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fleet written straight into a store the way the registry writes it, plus the registry itself
 * for status changes, so table tests exercise the real records and keys without enrollment.
 */
public final class TestFleet {
  private static final X509Certificate CERT = selfSigned();

  public static final String POLICY =
      """
      version: 1
      gateways:
        - name: hq
          relay: true
        - name: plant
      segments:
        - name: cameras
          match: type=camera
        - name: thermostats
          match: type=thermostat
      services:
        - name: video-store
          gateway: hq
          address: 10.10.1.20
          protocol: tcp
          ports: [443]
        - name: patch-server
          gateway: hq
          address: 10.10.3.10
          protocol: tcp
          ports: [443]
        - name: hvac
          gateway: plant
          address: 10.20.1.0/24
          protocol: tcp
          ports: [502]
      rules:
        - name: cams-to-video
          action: allow
          from: [cameras]
          to: {services: [video-store]}
        - name: thermostats-to-hvac
          action: allow
          from: [thermostats]
          to: {services: [hvac]}
      quarantine:
        segment: quarantine
        reach: {services: [patch-server]}
      """;

  private final Store store;
  private final Registry registry;

  public TestFleet(Store store, Clock clock) {
    this.store = store;
    this.registry =
        new Registry(store, clock, new AuditLog(store, clock, "test"), RegistryListener.NONE);
  }

  public Registry registry() {
    return registry;
  }

  /** Writes an active device of {@code type} with overlay address 100.64.0.{n}; returns it. */
  public DeviceRecord enroll(int n, String type) {
    DeviceRecord d = device("dev-" + n, n, Map.of("type", type), DeviceStatus.ACTIVE);
    store.put(StoreKeys.device(d.id()), d.encode());
    return d;
  }

  /** Rewrites a device's labels (as an admin edit would). */
  public DeviceRecord relabel(String id, String type) {
    DeviceRecord old = registry.device(id);
    DeviceRecord d =
        new DeviceRecord(
            old.id(),
            old.name(),
            old.deviceType(),
            Map.of("type", type),
            old.segments(),
            old.status(),
            old.statusReason(),
            old.statusChangedAt(),
            old.wireGuardKey(),
            old.stockWireGuard(),
            old.overlayAddress(),
            old.credential(),
            old.posture(),
            old.postureReceivedAt(),
            old.lastSeen(),
            old.enrolledAt(),
            old.tokenId());
    store.put(StoreKeys.device(id), d.encode());
    return d;
  }

  public void gateway(String name, int n, String endpoint) {
    GatewayRecord g =
        new GatewayRecord(
            name,
            DeviceStatus.ACTIVE,
            key(200 + n),
            address("100.64.1." + n),
            Credential.first(CERT),
            List.of(endpoint),
            List.of(),
            "0.1.0",
            Optional.empty(),
            Instant.EPOCH,
            "token-" + name);
    store.put(StoreKeys.gateway(name), g.encode());
  }

  public static DeviceRecord device(
      String id, int n, Map<String, String> labels, DeviceStatus status) {
    return new DeviceRecord(
        id,
        "name-" + id,
        labels.getOrDefault("type", "thing"),
        labels,
        List.of(),
        status,
        "",
        Instant.EPOCH,
        key(n),
        false,
        address("100.64.0." + n),
        Credential.first(CERT),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Instant.EPOCH,
        "token-" + id);
  }

  public static WireGuardPublicKey key(int n) {
    byte[] k = new byte[32];
    k[0] = 1;
    k[31] = (byte) n;
    k[30] = (byte) (n >> 8);
    return WireGuardPublicKey.of(k);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static X509Certificate selfSigned() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      KeyPair kp = g.generateKeyPair();
      X500Name name = new X500Name("CN=table-test");
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.ONE,
              new Date(0),
              new Date(4_000_000_000_000L),
              name,
              kp.getPublic());
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
