package dev.cordon.tunnel.tool;

/**
 * A configuration file that cannot be used, with the line at fault (1-based; 0: the whole file).
 */
public final class ConfigException extends Exception {
  private final int line;

  public ConfigException(int line, String message) {
    super(line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
