package dev.cordon.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.ca.PrincipalKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertLifetimesTest {

  @TempDir Path dir;

  @Test
  void eachEntryOverridesOnlyItsKind() {
    IssuanceOptions options =
        CertLifetimes.apply(IssuanceOptions.DEFAULT, List.of("device=90s", "gateway=2h"));

    assertEquals(Duration.ofSeconds(90), options.lifetime(PrincipalKind.DEVICE));
    assertEquals(Duration.ofHours(2), options.lifetime(PrincipalKind.GATEWAY));
    assertEquals(
        IssuanceOptions.DEFAULT.lifetime(PrincipalKind.ADMIN),
        options.lifetime(PrincipalKind.ADMIN));
  }

  @Test
  void unknownKindsAndBadDurationsSayWhatIsAccepted() {
    var kind =
        assertThrows(
            IllegalArgumentException.class,
            () -> CertLifetimes.apply(IssuanceOptions.DEFAULT, List.of("camera=1h")));
    assertTrue(kind.getMessage().contains("device, gateway, admin, controller"), kind.getMessage());

    var unit =
        assertThrows(
            IllegalArgumentException.class,
            () -> CertLifetimes.apply(IssuanceOptions.DEFAULT, List.of("device=1w")));
    assertTrue(unit.getMessage().contains("like 90s or 24h"), unit.getMessage());

    var shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> CertLifetimes.apply(IssuanceOptions.DEFAULT, List.of("24h")));
    assertTrue(shape.getMessage().contains("KIND=DURATION"), shape.getMessage());
  }

  @Test
  void lifetimesUnderAMinuteAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CertLifetimes.apply(IssuanceOptions.DEFAULT, List.of("device=30s")));
  }

  @Test
  void flagsWinOverTheConfigFileAndTheFileWinsOverDefaults() throws Exception {
    Path config =
        Files.writeString(dir.resolve("c.properties"), "cert-lifetime=device=5m,admin=1h\n");

    ControllerCommand fromFile = new ControllerCommand();
    new CommandLine(fromFile).parseArgs("--config", config.toString());
    IssuanceOptions file = fromFile.settings().issuance();
    assertEquals(Duration.ofMinutes(5), file.lifetime(PrincipalKind.DEVICE));
    assertEquals(Duration.ofHours(1), file.lifetime(PrincipalKind.ADMIN));

    ControllerCommand fromFlag = new ControllerCommand();
    new CommandLine(fromFlag)
        .parseArgs("--config", config.toString(), "--cert-lifetime", "device=7m");
    IssuanceOptions flag = fromFlag.settings().issuance();
    assertEquals(Duration.ofMinutes(7), flag.lifetime(PrincipalKind.DEVICE));
    assertEquals(
        IssuanceOptions.DEFAULT.lifetime(PrincipalKind.ADMIN), flag.lifetime(PrincipalKind.ADMIN));
  }
}
