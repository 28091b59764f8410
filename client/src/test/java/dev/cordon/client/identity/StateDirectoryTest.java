package dev.cordon.client.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cordon.client.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

  @TempDir Path temp;

  private static final DeviceIdentity IDENTITY =
      new DeviceIdentity(
          "d-1",
          "spiffe://cordon.test/device/d-1",
          "100.64.0.7",
          "controller.test:7443",
          "cordon.test",
          TestCa.NOW,
          false);

  private StateDirectory enrolled(Path path, WireGuardKeyPair wireGuard) throws Exception {
    TestCa ca = new TestCa("ca");
    KeyPair certificateKey = CertificateKeys.generate(new SecureRandom());
    StateDirectory state = StateDirectory.create(path);
    state.save(
        IDENTITY,
        wireGuard,
        certificateKey,
        List.of(ca.issue(certificateKey.getPublic(), IDENTITY.spiffeId()).getEncoded()),
        List.of(ca.root().getEncoded()));
    return state;
  }

  @Test
  void privateKeysAre0600AndTheDirectory0700() throws Exception {
    StateDirectory state =
        enrolled(temp.resolve("state"), WireGuardKeyPair.generate(new SecureRandom()));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(state.file(StateDirectory.WIREGUARD_KEY))));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(state.file(StateDirectory.CERTIFICATE_KEY))));
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(state.file(StateDirectory.CERTIFICATE))));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.path())));
  }

  @Test
  void whatIsSavedReadsBackAndNoTemporaryFileRemains() throws Exception {
    WireGuardKeyPair keys = WireGuardKeyPair.generate(new SecureRandom());
    StateDirectory state = enrolled(temp.resolve("state"), keys);
    StateDirectory reopened = StateDirectory.existing(state.path());
    assertEquals(IDENTITY, reopened.identity());
    assertArrayEquals(keys.privateKey(), reopened.wireGuardKeys().privateKey());
    assertEquals(1, reopened.certificateChain().size());
    try (var files = Files.list(state.path())) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().contains(".tmp-")));
    }
  }

  @Test
  void enrollingAgainReplacesTheKeyAndKeepsThePermissions() throws Exception {
    Path path = temp.resolve("state");
    WireGuardKeyPair first = WireGuardKeyPair.generate(new SecureRandom());
    enrolled(path, first);
    StateDirectory second = enrolled(path, WireGuardKeyPair.generate(new SecureRandom()));
    assertNotEquals(first.publicKeyBase64(), second.wireGuardKeys().publicKeyBase64());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(second.file(StateDirectory.WIREGUARD_KEY))));
  }
}
