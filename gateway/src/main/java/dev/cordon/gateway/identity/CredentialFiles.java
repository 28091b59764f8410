package dev.cordon.gateway.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Replaces the certificate key ({@code device.key}) and chain ({@code device.crt}) in the state
 * directory as a pair, and the CA bundle ({@code ca.crt}). Each file is written whole and synced
 * under a temporary name, then renamed over the old one, so a reader never sees half a file. The
 * pair is two renames: both are staged as {@code .next} first, then the chain is moved, then the
 * key; {@link #recover} finishes or undoes a swap a crash interrupted (a staged chain means nothing
 * was moved yet, so both staged files go; a staged key alone means the chain already moved, so the
 * key follows).
 */
public final class CredentialFiles {
  static final String KEY = "device.key";
  static final String CHAIN = "device.crt";
  static final String CA = "ca.crt";
  static final String NEXT = ".next";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private CredentialFiles() {}

  public static void replace(
      Path dir, RenewableKeyManager.Identity renewed, List<X509Certificate> caBundle)
      throws IOException {
    Path keyNext = dir.resolve(KEY + NEXT);
    Path chainNext = dir.resolve(CHAIN + NEXT);
    write(keyNext, PemText.privateKey(renewed.key()), OWNER_ONLY);
    write(chainNext, PemText.certificates(renewed.chain()), READABLE);
    move(chainNext, dir.resolve(CHAIN));
    move(keyNext, dir.resolve(KEY));
    if (!caBundle.isEmpty()) {
      Path caNext = dir.resolve(CA + NEXT);
      write(caNext, PemText.certificates(caBundle), READABLE);
      move(caNext, dir.resolve(CA));
    }
  }

  /**
   * Completes or rolls back an interrupted {@link #replace}; returns what was done, or null when
   * there was nothing to do.
   */
  public static String recover(Path dir) throws IOException {
    Path keyNext = dir.resolve(KEY + NEXT);
    Path chainNext = dir.resolve(CHAIN + NEXT);
    Files.deleteIfExists(dir.resolve(CA + NEXT));
    if (Files.exists(chainNext)) {
      Files.deleteIfExists(chainNext);
      Files.deleteIfExists(keyNext);
      return "dropped a certificate renewal interrupted before it was installed";
    }
    if (Files.exists(keyNext)) {
      move(keyNext, dir.resolve(KEY));
      return "finished installing a renewed certificate that was interrupted";
    }
    return null;
  }

  private static void write(Path file, String text, Set<PosixFilePermission> mode)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    }
    move(tmp, file);
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
