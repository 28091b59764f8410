package dev.cordon.client.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The CLI's config file: one {@code key = value} per line, blank lines and lines starting with
 * {@code #} ignored. Known keys: {@code controller} (host:port of the Admin service) and {@code
 * admin-credential} (the credential directory). The first file that exists wins, in this order:
 * {@code $CORDON_CONFIG}, {@code $XDG_CONFIG_HOME/cordon/cordon.conf} (default {@code
 * ~/.config/cordon/cordon.conf}), {@code /etc/cordon/cordon.conf}.
 */
public record ClientConfig(Path source, Map<String, String> values) {

  public static final String CONTROLLER = "controller";
  public static final String ADMIN_CREDENTIAL = "admin-credential";
  private static final Set<String> KEYS = Set.of(CONTROLLER, ADMIN_CREDENTIAL);

  /** No file found: nothing configured. */
  public static final ClientConfig NONE = new ClientConfig(null, Map.of());

  /** Finds and reads the config file; {@link #NONE} if there is none. */
  public static ClientConfig load(Function<String, String> env, Path home) throws IOException {
    for (Path candidate : candidates(env, home)) {
      if (Files.isRegularFile(candidate)) {
        return parse(candidate, Files.readAllLines(candidate, StandardCharsets.UTF_8));
      }
    }
    return NONE;
  }

  static List<Path> candidates(Function<String, String> env, Path home) {
    String explicit = env.apply("CORDON_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return List.of(Path.of(explicit));
    }
    String xdg = env.apply("XDG_CONFIG_HOME");
    Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
    return List.of(user.resolve("cordon/cordon.conf"), Path.of("/etc/cordon/cordon.conf"));
  }

  /** Parses the lines of {@code source}; an unknown key or a line without '=' is an error. */
  public static ClientConfig parse(Path source, List<String> lines) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? "" : line.substring(0, equals).strip();
      if (!KEYS.contains(key)) {
        throw new IOException(
            source
                + ":"
                + (i + 1)
                + ": expected 'controller = HOST:PORT' or"
                + " 'admin-credential = DIR', found '"
                + line
                + "'");
      }
      values.put(key, line.substring(equals + 1).strip());
    }
    return new ClientConfig(source, Map.copyOf(values));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
  }
}
