package dev.cordon.controller.daemon;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.ParseResult;

/**
 * The optional {@code --config} properties file: keys are the long flag names without dashes
 * ({@code listen}, {@code data-dir}, {@code store}...). A flag given on the command line wins over
 * the file, and the file wins over the flag's built-in default.
 */
record ConfigFile(Properties properties, ParseResult parsed) {

  static ConfigFile read(Path file, ParseResult parsed) {
    Properties properties = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
      }
    }
    return new ConfigFile(properties, parsed);
  }

  String value(String flag, String fromFlagOrDefault) {
    if (parsed != null && parsed.hasMatchedOption(flag)) {
      return fromFlagOrDefault;
    }
    return properties.getProperty(flag.substring(2), fromFlagOrDefault);
  }
}
