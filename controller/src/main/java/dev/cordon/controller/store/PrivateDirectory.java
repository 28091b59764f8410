package dev.cordon.controller.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a directory only its owner may enter (0700): the controller's data and store directories
 * hold the CA key and every record, so the umask's usual 0755 would let any local user list them.
 */
public final class PrivateDirectory {
  private PrivateDirectory() {}

  /**
   * Creates {@code dir} 0700 if it is missing; missing parents get the umask's mode, and an
   * existing directory keeps the mode its operator gave it.
   */
  public static void create(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) return;
    Path parent = absolute.getParent();
    if (parent != null) Files.createDirectories(parent);
    try {
      Files.createDirectory(
          absolute,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) throw e; // lost a race to another creator: fine
    }
  }
}
