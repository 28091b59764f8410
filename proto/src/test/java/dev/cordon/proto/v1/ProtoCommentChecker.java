package dev.cordon.proto.v1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds declarations in .proto sources that lack a leading comment. Line-based on purpose: the
 * generated descriptors drop comments (protoc keeps them only with source info), so the source text
 * is the only place to check them. Every message, enum, service, oneof, rpc, field and enum value
 * must sit directly under a {@code //} line.
 */
final class ProtoCommentChecker {

  private static final Pattern BLOCK =
      Pattern.compile("^(message|enum|service|oneof)\\s+\\w+\\s*\\{.*");
  private static final Pattern RPC = Pattern.compile("^rpc\\s+\\w+\\s*\\(.*");
  private static final Pattern FIELD =
      Pattern.compile("^((repeated|optional)\\s+)?(map<[^>]+>|[\\w.]+)\\s+\\w+\\s*=\\s*\\d+.*");
  private static final Pattern ENUM_VALUE = Pattern.compile("^\\w+\\s*=\\s*-?\\d+\\s*[;\\[].*");
  private static final List<String> EXEMPT =
      List.of("syntax", "package", "import", "option", "reserved", "//", "}");

  private ProtoCommentChecker() {}

  /** Every uncommented declaration under {@code root}, as "file:line: text", in file order. */
  static List<String> check(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<String> problems = new ArrayList<>();
      files
          .filter(p -> p.toString().endsWith(".proto"))
          .sorted()
          .forEach(p -> problems.addAll(check(p.toString(), read(p))));
      return problems;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every uncommented declaration in one file's lines, as "name:line: text". */
  static List<String> check(String name, List<String> lines) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (isDeclaration(line) && !(i > 0 && lines.get(i - 1).strip().startsWith("//"))) {
        problems.add(name + ":" + (i + 1) + ": " + line);
      }
    }
    return problems;
  }

  private static boolean isDeclaration(String line) {
    if (line.isEmpty() || EXEMPT.stream().anyMatch(line::startsWith)) {
      return false;
    }
    return BLOCK.matcher(line).matches()
        || RPC.matcher(line).matches()
        || FIELD.matcher(line).matches()
        || ENUM_VALUE.matcher(line).matches();
  }

  private static List<String> read(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
