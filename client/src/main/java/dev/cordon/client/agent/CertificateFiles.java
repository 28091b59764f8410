package dev.cordon.client.agent;

import dev.cordon.client.identity.AtomicFiles;
import dev.cordon.client.identity.Pem;
import dev.cordon.client.identity.StateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.util.List;

/**
 * Replaces the device's certificate key and chain as a pair. Each file is atomic on its own, but
 * the pair is two files, so the swap goes through staged copies: both new files are written as
 * {@code .next}, then the chain is moved into place, then the key. {@link #recover} finishes or
 * undoes a swap a crash interrupted: a staged chain means the swap had not begun (drop both staged
 * files, the old pair is intact); a staged key alone means the chain was already moved (move the
 * key too). The WireGuard key is never touched.
 */
public final class CertificateFiles {

  static final String NEXT = ".next";

  private CertificateFiles() {}

  /** Installs a new certificate key, chain and CA bundle. */
  public static void replace(
      StateDirectory state, PrivateKey key, List<byte[]> chain, List<byte[]> caBundle)
      throws IOException {
    Path keyNext = staged(state, StateDirectory.CERTIFICATE_KEY);
    Path chainNext = staged(state, StateDirectory.CERTIFICATE);
    AtomicFiles.write(keyNext, bytes(Pem.privateKey(key)), AtomicFiles.PRIVATE);
    AtomicFiles.write(chainNext, bytes(Pem.certificates(chain)), AtomicFiles.PUBLIC);
    move(chainNext, state.file(StateDirectory.CERTIFICATE));
    move(keyNext, state.file(StateDirectory.CERTIFICATE_KEY));
    if (!caBundle.isEmpty()) {
      AtomicFiles.write(
          state.file(StateDirectory.CA_BUNDLE),
          bytes(Pem.certificates(caBundle)),
          AtomicFiles.PUBLIC);
    }
  }

  /**
   * Completes or rolls back an interrupted {@link #replace}.
   *
   * @return what was done, or null when there was nothing to do
   */
  public static String recover(StateDirectory state) throws IOException {
    Path keyNext = staged(state, StateDirectory.CERTIFICATE_KEY);
    Path chainNext = staged(state, StateDirectory.CERTIFICATE);
    if (Files.exists(chainNext)) {
      Files.deleteIfExists(chainNext);
      Files.deleteIfExists(keyNext);
      return "dropped a certificate renewal that was interrupted before it was installed";
    }
    if (Files.exists(keyNext)) {
      move(keyNext, state.file(StateDirectory.CERTIFICATE_KEY));
      return "finished installing a renewed certificate that was interrupted";
    }
    return null;
  }

  private static Path staged(StateDirectory state, String name) {
    return state.file(name + NEXT);
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
