package dev.cordon.client.device;

import dev.cordon.client.identity.StateDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}, shared by the device verbs. */
public final class StateDirOption {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where the device keeps its keys and certificates (default: /var/lib/cordon).")
  Path stateDir = StateDirectory.DEFAULT;

  public Path path() {
    return stateDir;
  }
}
