package dev.cordon.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.client.ClientCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand a person can type answers {@code --help} with its usage. */
class HelpEverywhereTest {

  /** Each command's path below its top-level verb, e.g. [policy, show]. */
  private static void paths(CommandLine cl, List<String> prefix, List<List<String>> out) {
    List<String> here = new ArrayList<>(prefix);
    here.add(cl.getCommandName());
    out.add(here);
    // Aliases map to the same command; walk each command once, under its own name.
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals(sub.getCommandName())) paths(sub, here, out);
            });
  }

  @Test
  void everyCommandAndSubcommandAcceptsHelp() {
    List<List<String>> all = new ArrayList<>();
    for (Object verb : ClientCommands.all()) paths(new CommandLine(verb), List.of(), all);
    assertTrue(all.size() > ClientCommands.all().size(), "subcommands were walked: " + all);
    List<String> failures = new ArrayList<>();
    for (List<String> path : all) {
      CommandLine top = null;
      for (Object verb : ClientCommands.all()) {
        CommandLine c = new CommandLine(verb);
        if (c.getCommandName().equals(path.getFirst())) top = c;
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      top.setOut(new PrintWriter(out, true));
      top.setErr(new PrintWriter(err, true));
      List<String> args = new ArrayList<>(path.subList(1, path.size()));
      args.add("--help");
      int code = top.execute(args.toArray(String[]::new));
      if (code != 0 || !out.toString().startsWith("Usage: ")) {
        failures.add(
            String.join(" ", path) + " --help -> exit " + code + ": " + err.toString().strip());
      }
    }
    assertEquals(List.of(), failures, "commands that refuse --help");
  }
}
