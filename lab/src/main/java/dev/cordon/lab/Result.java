package dev.cordon.lab;

/** What a finished command left: its exit code and everything it printed. */
public record Result(int exitCode, String stdout, String stderr) {
  public boolean ok() {
    return exitCode == 0;
  }

  /** A readable account for failure messages: the command, its code and both streams. */
  String describe(String command) {
    return "`"
        + command
        + "` exited with "
        + exitCode
        + "\n--- stdout ---\n"
        + stdout
        + "\n--- stderr ---\n"
        + stderr;
  }
}
