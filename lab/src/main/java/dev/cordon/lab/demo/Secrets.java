package dev.cordon.lab.demo;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabException;
import dev.cordon.lab.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Enrollment tokens travel by 0600 file, never through a command line or the transcript. */
final class Secrets {
  private Secrets() {}

  /** Writes the token {@code cordon token create -q} printed for {@code name} to a 0600 file. */
  static Path tokenFile(Lab lab, String name, Result created) {
    String token = created.stdout().strip();
    if (!created.ok() || !token.startsWith("cordon")) {
      throw new LabException(
          "`cordon token create` for "
              + name
              + " exited "
              + created.exitCode()
              + ": "
              + created.stderr().strip());
    }
    Path file = lab.runDirectory().resolve("token-" + name);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new LabException("cannot write the token file " + file, e);
    }
    return file;
  }
}
