package dev.cordon.client.agent;

import com.google.protobuf.Timestamp;
import dev.cordon.proto.v1.PostureReport;
import dev.cordon.proto.v1.SecureBootState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects what the device says about itself: OS name and version from os-release, the kernel
 * release from {@code /proc/sys/kernel/osrelease}, the agent's version, and firmware version, patch
 * level and secure-boot state from the operator's posture file ({@code --posture-source}), plus the
 * configured site and location. Values that cannot be read stay empty (secure boot: UNKNOWN);
 * problems are returned as words for the log, never thrown, because a posture report with gaps is
 * still worth sending.
 *
 * <p>The posture file is {@code key = value} lines, {@code #} comments: {@code firmware_version},
 * {@code patch_level}, {@code secure_boot} ({@code enabled}/{@code disabled}/{@code unknown}, also
 * {@code on}/{@code off}, {@code true}/{@code false}, {@code 1}/{@code 0}).
 */
public final class Posture {

  /** Where the values come from. */
  public record Sources(
      Path osRelease,
      Path kernelRelease,
      Path postureFile,
      String site,
      String location,
      String agentVersion) {

    /** The real system's files. */
    public static Sources system(Path postureFile, String site, String location, String version) {
      return new Sources(
          Path.of("/etc/os-release"),
          Path.of("/proc/sys/kernel/osrelease"),
          postureFile,
          site,
          location,
          version);
    }
  }

  /** A report and what could not be read. */
  public record Collected(PostureReport report, List<String> problems) {

    /** The report without its collection time, for telling a change from a repeat. */
    public PostureReport content() {
      return report.toBuilder().clearCollectedAt().build();
    }
  }

  private Posture() {}

  public static Collected collect(Sources sources, Instant now) {
    List<String> problems = new ArrayList<>();
    PostureReport.Builder report =
        PostureReport.newBuilder()
            .setCollectedAt(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setAgentVersion(nonNull(sources.agentVersion()))
            .setSite(nonNull(sources.site()))
            .setLocation(nonNull(sources.location()))
            .setSecureBoot(SecureBootState.SECURE_BOOT_STATE_UNKNOWN);
    Map<String, String> os = keyValues(sources.osRelease(), problems, false);
    report.setOsName(os.getOrDefault("NAME", "")).setOsVersion(os.getOrDefault("VERSION_ID", ""));
    try {
      report.setKernelVersion(Files.readString(sources.kernelRelease()).strip());
    } catch (IOException e) {
      problems.add("cannot read " + sources.kernelRelease() + ": " + e.getMessage());
    }
    if (sources.postureFile() != null) {
      Map<String, String> values = keyValues(sources.postureFile(), problems, true);
      report.setFirmwareVersion(values.getOrDefault("firmware_version", ""));
      report.setPatchLevel(values.getOrDefault("patch_level", ""));
      String boot = values.get("secure_boot");
      if (boot != null) {
        report.setSecureBoot(secureBoot(boot, sources.postureFile(), problems));
      }
      for (String key : values.keySet()) {
        if (!List.of("firmware_version", "patch_level", "secure_boot").contains(key)) {
          problems.add(
              sources.postureFile()
                  + ": unknown key '"
                  + key
                  + "' (known: firmware_version, patch_level, secure_boot)");
        }
      }
    }
    return new Collected(report.build(), problems);
  }

  static SecureBootState secureBoot(String value, Path file, List<String> problems) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "enabled", "on", "true", "1", "yes" -> SecureBootState.SECURE_BOOT_STATE_ENABLED;
      case "disabled", "off", "false", "0", "no" -> SecureBootState.SECURE_BOOT_STATE_DISABLED;
      case "unknown", "" -> SecureBootState.SECURE_BOOT_STATE_UNKNOWN;
      default -> {
        problems.add(
            file + ": secure_boot must be enabled, disabled or unknown, not '" + value + "'");
        yield SecureBootState.SECURE_BOOT_STATE_UNKNOWN;
      }
    };
  }

  /**
   * Reads {@code KEY=value} lines (os-release quoting: one pair of single or double quotes). Spaces
   * around '=' are allowed in the posture file.
   */
  static Map<String, String> keyValues(Path file, List<String> problems, boolean lenientSpaces) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add("no such file: " + file);
      return values;
    } catch (IOException e) {
      problems.add("cannot read " + file + ": " + e.getMessage());
      return values;
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        problems.add(file + ":" + (i + 1) + ": expected key=value, found '" + line + "'");
        continue;
      }
      String key = line.substring(0, equals);
      String value = line.substring(equals + 1);
      if (lenientSpaces) {
        key = key.strip();
        value = value.strip();
      }
      values.put(key, unquote(value));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
