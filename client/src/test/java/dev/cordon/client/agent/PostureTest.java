package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cordon.proto.v1.SecureBootState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureTest {

  @TempDir Path temp;

  private Posture.Sources sources(Path postureFile) throws Exception {
    Path os = temp.resolve("os-release");
    Files.writeString(
        os,
        "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\n");
    Path kernel = temp.resolve("osrelease");
    Files.writeString(kernel, "6.12.38+deb13-amd64\n");
    return new Posture.Sources(os, kernel, postureFile, "hq", "building 2", "0.1.0");
  }

  @Test
  void aReportCarriesOsKernelAgentFirmwareSecureBootAndSite() throws Exception {
    Path file = temp.resolve("posture.conf");
    Files.writeString(
        file,
        "# from the vendor tool\nfirmware_version = 1.4.2\nsecure_boot = on\npatch_level=2025-05-01\n");
    Posture.Collected c = Posture.collect(sources(file), Instant.parse("2025-06-01T10:00:00Z"));
    assertEquals(List.of(), c.problems());
    assertEquals("Debian GNU/Linux", c.report().getOsName());
    assertEquals("13", c.report().getOsVersion());
    assertEquals("6.12.38+deb13-amd64", c.report().getKernelVersion());
    assertEquals("0.1.0", c.report().getAgentVersion());
    assertEquals("1.4.2", c.report().getFirmwareVersion());
    assertEquals("2025-05-01", c.report().getPatchLevel());
    assertEquals(SecureBootState.SECURE_BOOT_STATE_ENABLED, c.report().getSecureBoot());
    assertEquals("hq", c.report().getSite());
    assertEquals("building 2", c.report().getLocation());
    assertEquals(1748772000L, c.report().getCollectedAt().getSeconds());
  }

  @Test
  void unreadableValuesStayEmptyAndAreNamedAsProblems() throws Exception {
    Path file = temp.resolve("posture.conf");
    Files.writeString(file, "firmware = 1.0\nsecure_boot = maybe\n");
    Posture.Collected c = Posture.collect(sources(file), Instant.EPOCH);
    assertEquals(SecureBootState.SECURE_BOOT_STATE_UNKNOWN, c.report().getSecureBoot());
    assertEquals("", c.report().getFirmwareVersion());
    assertEquals(
        List.of(
            file + ": secure_boot must be enabled, disabled or unknown, not 'maybe'",
            file + ": unknown key 'firmware' (known: firmware_version, patch_level, secure_boot)"),
        c.problems());
    Posture.Collected missing =
        Posture.collect(sources(temp.resolve("absent.conf")), Instant.EPOCH);
    assertEquals(List.of("no such file: " + temp.resolve("absent.conf")), missing.problems());
  }

  @Test
  void aChangeIsTheContentChangingNotTheCollectionTime() throws Exception {
    Path file = temp.resolve("posture.conf");
    Files.writeString(file, "firmware_version = 1.4.2\n");
    Posture.Sources s = sources(file);
    Posture.Collected first = Posture.collect(s, Instant.EPOCH);
    assertEquals(first.content(), Posture.collect(s, Instant.EPOCH.plusSeconds(60)).content());
    Files.writeString(file, "firmware_version = 1.4.3\n");
    assertNotEquals(first.content(), Posture.collect(s, Instant.EPOCH.plusSeconds(90)).content());
  }
}
