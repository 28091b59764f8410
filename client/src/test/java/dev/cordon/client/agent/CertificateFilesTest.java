package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.DeviceIdentity;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.client.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

  static final DeviceIdentity IDENTITY =
      new DeviceIdentity(
          "d-1",
          "spiffe://cordon.test/device/d-1",
          "100.64.0.7",
          "controller.test:7443",
          "cordon.test",
          TestCa.NOW,
          false);

  @TempDir Path temp;

  static StateDirectory enrolled(Path path, TestCa ca, WireGuardKeyPair wireGuard)
      throws Exception {
    KeyPair key = CertificateKeys.generate(new SecureRandom());
    StateDirectory state = StateDirectory.create(path);
    state.save(
        IDENTITY,
        wireGuard,
        key,
        List.of(ca.issue(key.getPublic(), IDENTITY.spiffeId()).getEncoded()),
        List.of(ca.root().getEncoded()));
    return state;
  }

  @Test
  void aReplacementInstallsTheNewPairKeepsTheWireGuardKeyAndLeavesNoStagedFile() throws Exception {
    TestCa ca = new TestCa("ca");
    WireGuardKeyPair wg = WireGuardKeyPair.generate(new SecureRandom());
    StateDirectory state = enrolled(temp.resolve("s"), ca, wg);
    KeyPair next = CertificateKeys.generate(new SecureRandom());
    byte[] leaf = ca.issue(next.getPublic(), IDENTITY.spiffeId()).getEncoded();

    CertificateFiles.replace(
        state, next.getPrivate(), List.of(leaf), List.of(ca.root().getEncoded()));

    assertArrayEquals(next.getPrivate().getEncoded(), state.certificateKey().getEncoded());
    assertArrayEquals(leaf, state.certificateChain().getFirst().getEncoded());
    assertArrayEquals(wg.privateKey(), state.wireGuardKeys().privateKey());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(state.file(StateDirectory.CERTIFICATE_KEY))));
    try (var files = Files.list(state.path())) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(CertificateFiles.NEXT)));
    }
    assertNull(CertificateFiles.recover(state));
  }

  @Test
  void aSwapInterruptedBeforeTheChainMovedIsRolledBack() throws Exception {
    TestCa ca = new TestCa("ca");
    StateDirectory state =
        enrolled(temp.resolve("s"), ca, WireGuardKeyPair.generate(new SecureRandom()));
    byte[] oldKey = state.certificateKey().getEncoded();
    Files.writeString(state.file(StateDirectory.CERTIFICATE_KEY + ".next"), "new key");
    Files.writeString(state.file(StateDirectory.CERTIFICATE + ".next"), "new chain");

    assertEquals(
        "dropped a certificate renewal that was interrupted before it was installed",
        CertificateFiles.recover(state));
    assertArrayEquals(oldKey, state.certificateKey().getEncoded());
    assertFalse(Files.exists(state.file(StateDirectory.CERTIFICATE_KEY + ".next")));
  }

  @Test
  void aSwapInterruptedAfterTheChainMovedIsFinished() throws Exception {
    TestCa ca = new TestCa("ca");
    StateDirectory state =
        enrolled(temp.resolve("s"), ca, WireGuardKeyPair.generate(new SecureRandom()));
    KeyPair next = CertificateKeys.generate(new SecureRandom());
    CertificateFiles.replace(
        state,
        next.getPrivate(),
        List.of(ca.issue(next.getPublic(), IDENTITY.spiffeId()).getEncoded()),
        List.of());
    // Put the key back as a crash after the chain's move would have left it.
    Files.move(
        state.file(StateDirectory.CERTIFICATE_KEY),
        state.file(StateDirectory.CERTIFICATE_KEY + ".next"),
        StandardCopyOption.ATOMIC_MOVE);

    assertEquals(
        "finished installing a renewed certificate that was interrupted",
        CertificateFiles.recover(state));
    assertArrayEquals(next.getPrivate().getEncoded(), state.certificateKey().getEncoded());
  }
}
