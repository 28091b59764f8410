package dev.cordon.client.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** "Key: value" lines with the values aligned, for the show verbs; empty values print "-". */
final class Details {

  private final List<String[]> lines = new ArrayList<>();

  Details add(String key, String value) {
    lines.add(new String[] {key + ":", value == null || value.isEmpty() ? "-" : value});
    return this;
  }

  void print(PrintWriter out) {
    int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
    for (String[] line : lines) {
      out.println(line[0] + " ".repeat(width - line[0].length() + 2) + line[1]);
    }
  }
}
