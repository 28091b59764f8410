package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.policy.PolicyDevices;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.DeviceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The table feed reads devices without parsing their certificates; what it reads must be exactly
 * what the full decode gives the policy side.
 */
class PlacementDecodeTest {

  @Test
  void theCertificateFreeDecodeGivesThePolicySideTheSameDeviceAsTheFullDecode() {
    DeviceRecord plain = TestFleet.device("d-1", 1, Map.of("type", "camera"), DeviceStatus.ACTIVE);
    DeviceRecord rich =
        new DeviceRecord(
            "d-2",
            "lobby camera",
            "camera",
            Map.of("site", "lyon", "floor", "2"),
            List.of("cameras", "lobby"),
            DeviceStatus.QUARANTINED,
            "posture failed",
            Instant.parse("2026-01-02T03:04:05Z"),
            TestFleet.key(2),
            true,
            plain.overlayAddress(),
            plain.credential(),
            Map.of("firmware_version", "2.4.1", "patch_level", "2026-01-01", "site", "lyon"),
            Optional.of(Instant.parse("2026-01-02T03:04:05Z")),
            Optional.empty(),
            Instant.EPOCH,
            "token-2");
    for (DeviceRecord d : List.of(plain, rich)) {
      byte[] stored = d.encode();
      assertEquals(d.placement(), DeviceRecord.decodePlacement(stored), d.id());
      assertEquals(
          PolicyDevices.of(DeviceRecord.decode(stored)), PolicyDevices.decode(stored), d.id());
    }
  }

  @Test
  void aRecordMissingItsKeyIsRefusedByTheCertificateFreeDecodeToo() {
    byte[] notARecord = "{\"id\":\"d-3\"}".getBytes(StandardCharsets.UTF_8);
    assertThrows(RuntimeException.class, () -> DeviceRecord.decodePlacement(notARecord));
  }
}
