package dev.cordon.client.admin;

import com.google.protobuf.Timestamp;
import dev.cordon.client.cli.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --since} and {@code --until} options of the commands that read a log ({@code cordon
 * audit}, {@code cordon events}): each an instant or an age counted back from now.
 */
final class TimeWindow {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Entries at or after TIME: an instant (2025-06-01T00:00:00Z) or an age (24h).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Entries before TIME.")
  String until;

  Optional<Timestamp> since(Clock clock) {
    return time("--since", since, clock);
  }

  Optional<Timestamp> until(Clock clock) {
    return time("--until", until, clock);
  }

  private Optional<Timestamp> time(String option, String value, Clock clock) {
    if (value == null) {
      return Optional.empty();
    }
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        instant = clock.instant().minus(Durations.parse(value));
      } catch (TypeConversionException notAnAge) {
        throw new ParameterException(
            mixee.commandLine(),
            option
                + " '"
                + value
                + "' is neither an instant (2025-06-01T00:00:00Z) nor an age (24h)");
      }
    }
    return Optional.of(
        Timestamp.newBuilder()
            .setSeconds(instant.getEpochSecond())
            .setNanos(instant.getNano())
            .build());
  }
}
