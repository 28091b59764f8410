package dev.cordon.client.cli;

import picocli.CommandLine.Option;

/** The {@code --json} flag every read shares: stable JSON instead of a table for people. */
public final class JsonOption {

  @Option(
      names = "--json",
      description = "Print stable JSON (proto field names) instead of a table, for scripts.")
  boolean json;

  public boolean json() {
    return json;
  }
}
