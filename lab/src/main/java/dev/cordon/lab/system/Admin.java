package dev.cordon.lab.system;

import dev.cordon.lab.LabException;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * An administrator at a shell: the admin verbs of {@code bin/cordon}, run in a namespace with the
 * owner credential the controller wrote (used as it is, the way the README tells people to).
 */
public final class Admin {
  private final Namespace namespace;
  private final String controller;
  private final Path credential;

  public Admin(Namespace namespace, String controller, Path credential) {
    this.namespace = namespace;
    this.controller = controller;
    this.credential = credential;
  }

  /** {@code cordon VERB... --controller C --admin-credential D}, whatever it returns. */
  public Result run(String... verb) {
    var argv = new ArrayList<>(List.of(verb));
    argv.addAll(List.of("--controller", controller, "--admin-credential", credential.toString()));
    return CordonCli.run(namespace, argv.toArray(String[]::new));
  }

  /** Like {@link #run}, throwing with the output unless it exits 0. */
  public Result ok(String... verb) {
    var argv = new ArrayList<>(List.of(verb));
    argv.addAll(List.of("--controller", controller, "--admin-credential", credential.toString()));
    return CordonCli.ok(namespace, argv.toArray(String[]::new));
  }

  /** Applies a policy document (YAML text). */
  public Result applyPolicy(String yaml) {
    Path file = namespace.lab().runDirectory().resolve("policy-" + System.nanoTime() + ".yaml");
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException("cannot write " + file, e);
    }
    return ok("policy", "apply", "-f", file.toString());
  }

  /**
   * Creates a token and writes it to a 0600 file in the lab's run directory: the token is a secret,
   * so it travels by file and never through the transcript.
   */
  public Path createToken(String... options) {
    var argv = new ArrayList<>(List.of("token", "create", "-q"));
    argv.addAll(List.of(options));
    String token = ok(argv.toArray(String[]::new)).stdout().strip();
    if (!token.startsWith("cordon")) {
      throw new LabException("`cordon token create -q` printed no token");
    }
    Path file = namespace.lab().runDirectory().resolve("token-" + System.nanoTime());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new LabException("cannot write the token file " + file, e);
    }
    return file;
  }

  /** The line of {@code cordon device list} that names {@code deviceId}, or "" when none does. */
  public String deviceListLine(String deviceId) {
    for (String line : ok("device", "list").stdout().split("\n")) {
      if (List.of(line.strip().split("\\s+")).contains(deviceId)) {
        return line;
      }
    }
    return "";
  }
}
