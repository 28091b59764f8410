package dev.cordon.gateway.daemon;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --config} properties file of {@code cordon gateway}: keys are the long flag names
 * without dashes ({@code listen-port=51820}, {@code state-dir=...}), repeatable flags take a
 * comma-separated list ({@code protect=10.0.0.0/8,192.168.1.0/24}). A flag on the command line wins
 * over the file, the file over the built-in default. The file's values are parsed by the same
 * option definitions as the command line (a bad value is refused the same way), and an unknown key
 * is an error rather than a silently ignored typo.
 */
final class GatewayConfigFile {
  private GatewayConfigFile() {}

  /** Sets every option the command line left alone to the file's value, if it has one. */
  static void apply(Path file, CommandSpec spec) {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    var given = spec.commandLine().getParseResult();
    List<String> args = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String flag = "--" + key;
      OptionSpec option = key.equals("config") ? null : spec.findOption(flag);
      if (option == null || option.usageHelp() || option.versionHelp()) {
        throw new IllegalArgumentException("unknown key in config file " + file + ": " + key);
      }
      if (given != null && given.hasMatchedOption(flag)) continue;
      String value = p.getProperty(key).strip();
      if (option.isMultiValue()) {
        for (String v : value.split(",")) {
          if (v.isBlank()) continue;
          args.add(flag);
          args.add(v.strip());
        }
      } else {
        args.add(flag);
        args.add(value);
      }
      taken.add(flag);
    }
    CommandLine scratch = new CommandLine(new GatewayCommand());
    try {
      scratch.parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new IllegalArgumentException("in config file " + file + ": " + e.getMessage());
    }
    for (String flag : taken) {
      spec.findOption(flag).setValue(scratch.getCommandSpec().findOption(flag).getValue());
    }
  }
}
