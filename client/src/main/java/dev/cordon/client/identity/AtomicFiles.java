package dev.cordon.client.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes files whole or not at all, with their permissions set at creation. A private key file is
 * created 0600 by the same call that creates it ({@link Files#createFile} with a permission
 * attribute), so no moment exists in which another user could open it; changing the mode after
 * writing would leave such a moment. The content goes to a fresh temporary file beside the target
 * and is renamed over it atomically, so a reader (or a crash) sees the old file or the new one,
 * never half of either. The process umask can only remove bits, so 0600 stays 0600.
 */
public final class AtomicFiles {

  /** Owner read and write: private keys and configurations that contain them. */
  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  /** Owner write, everyone read: certificates and public state. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private static final SecureRandom NAMES = new SecureRandom();

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content}, the new file carrying {@code permissions}. */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = createTemporary(directory, target.getFileName().toString(), permissions);
    try {
      try (OutputStream stream = Files.newOutputStream(temporary)) {
        stream.write(content);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Path createTemporary(
      Path directory, String name, Set<PosixFilePermission> permissions) throws IOException {
    while (true) {
      byte[] suffix = new byte[6];
      NAMES.nextBytes(suffix);
      Path candidate = directory.resolve("." + name + ".tmp-" + HexFormat.of().formatHex(suffix));
      try {
        return Files.createFile(candidate, PosixFilePermissions.asFileAttribute(permissions));
      } catch (FileAlreadyExistsException e) {
        // Another writer picked the same name; try a new one.
      }
    }
  }
}
