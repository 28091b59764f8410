package dev.cordon.gateway.identity;

import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.support.SpiffeCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
  @TempDir Path dir;
  final Instant now = Instant.parse("2026-01-01T00:00:00Z");
  final SpiffeCa ca = new SpiffeCa("test ca", now);

  RenewableKeyManager.Identity identity() {
    var key = CertificateRequest.freshKey(new SecureRandom());
    return new RenewableKeyManager.Identity(
        key.getPrivate(), List.of(ca.leaf(key.getPublic(), now, now.plus(Duration.ofDays(1)))));
  }

  @Test
  void the_key_file_is_readable_by_its_owner_only() throws Exception {
    CredentialFiles.replace(dir, identity(), List.of(ca.certificate()));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("device.key"))));
  }

  @Test
  void a_swap_interrupted_after_the_chain_moved_is_finished_by_moving_the_key() throws Exception {
    CredentialFiles.replace(dir, identity(), List.of(ca.certificate()));
    Files.writeString(dir.resolve("device.key.next"), "new key\n");
    assertEquals(
        "finished installing a renewed certificate that was interrupted",
        CredentialFiles.recover(dir));
    assertEquals("new key\n", Files.readString(dir.resolve("device.key")));
    assertFalse(Files.exists(dir.resolve("device.key.next")));
  }

  @Test
  void a_swap_interrupted_before_anything_moved_is_undone_and_the_old_pair_stays()
      throws Exception {
    CredentialFiles.replace(dir, identity(), List.of(ca.certificate()));
    String key = Files.readString(dir.resolve("device.key"));
    Files.writeString(dir.resolve("device.key.next"), "new key\n");
    Files.writeString(dir.resolve("device.crt.next"), "new chain\n");
    assertEquals(
        "dropped a certificate renewal interrupted before it was installed",
        CredentialFiles.recover(dir));
    assertEquals(key, Files.readString(dir.resolve("device.key")));
    assertFalse(Files.exists(dir.resolve("device.crt.next")));
    assertNull(CredentialFiles.recover(dir), "nothing left to do");
  }
}
