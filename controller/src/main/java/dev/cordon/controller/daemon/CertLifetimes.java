package dev.cordon.controller.daemon;

import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.ca.PrincipalKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses {@code --cert-lifetime KIND=DURATION} ({@code device=24h}, {@code gateway=90s}) into
 * issuance options. Durations are a number and a unit ({@code s}, {@code m}, {@code h}, {@code d});
 * short lifetimes exist for labs and tests that watch renewal happen.
 */
final class CertLifetimes {

  private CertLifetimes() {}

  /** Each entry overrides one kind's lifetime in {@code base}. */
  static IssuanceOptions apply(IssuanceOptions base, List<String> entries) {
    IssuanceOptions options = base;
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--cert-lifetime '" + entry + "' must be KIND=DURATION, for example device=24h");
      }
      PrincipalKind kind = kind(entry.substring(0, eq).strip());
      options = options.withLifetime(kind, duration(entry.substring(eq + 1).strip()));
    }
    return options;
  }

  /** A config-file value: the same entries, comma-separated. */
  static List<String> split(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static Duration duration(String text) {
    if (text.length() < 2) {
      throw badDuration(text);
    }
    long amount;
    try {
      amount = Long.parseLong(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw badDuration(text);
    }
    return switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw badDuration(text);
    };
  }

  private static PrincipalKind kind(String name) {
    return Arrays.stream(PrincipalKind.values())
        .filter(k -> k.pathSegment().equals(name.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--cert-lifetime kind '"
                        + name
                        + "' is unknown; use one of "
                        + Arrays.stream(PrincipalKind.values())
                            .map(PrincipalKind::pathSegment)
                            .collect(Collectors.joining(", "))));
  }

  private static IllegalArgumentException badDuration(String text) {
    return new IllegalArgumentException(
        "--cert-lifetime duration '"
            + text
            + "' must be a number and s, m, h or d, like 90s or 24h");
  }
}
