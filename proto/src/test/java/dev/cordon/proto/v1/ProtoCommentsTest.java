package dev.cordon.proto.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoCommentsTest {

  private static final Path SOURCES = Path.of("src/main/proto/cordon/v1");

  @Test
  void everyDeclarationInTheContractsHasALeadingComment() {
    assertTrue(
        Files.isDirectory(SOURCES), "proto sources not found at " + SOURCES.toAbsolutePath());
    List<String> problems = ProtoCommentChecker.check(SOURCES);
    assertTrue(
        problems.isEmpty(),
        () -> "declarations without a leading // comment:\n" + String.join("\n", problems));
  }

  @Test
  void theCheckerNamesFileAndLineOfAnUncommentedFieldEnumValueAndRpc() {
    List<String> lines =
        List.of(
            "// A thing.",
            "message Thing {",
            "  uint64 version = 1;",
            "  // Commented.",
            "  repeated bytes keys = 2;",
            "  map<string, string> labels = 3;",
            "}",
            "// A kind.",
            "enum Kind {",
            "  KIND_UNSPECIFIED = 0;",
            "}",
            "// A service.",
            "service ThingService {",
            "  rpc Get(Thing) returns (stream Thing);",
            "}");

    List<String> problems = ProtoCommentChecker.check("x.proto", lines);

    assertEquals(
        List.of(
            "x.proto:3: uint64 version = 1;",
            "x.proto:6: map<string, string> labels = 3;",
            "x.proto:10: KIND_UNSPECIFIED = 0;",
            "x.proto:14: rpc Get(Thing) returns (stream Thing);"),
        problems);
  }

  @Test
  void optionsReservedLinesAndClosingBracesNeedNoComment() {
    List<String> lines =
        List.of(
            "syntax = \"proto3\";",
            "package cordon.v1;",
            "option java_package = \"dev.cordon.proto.v1\";",
            "// A thing.",
            "message Thing {",
            "  reserved 15;",
            "  reserved \"caller\";",
            "}");

    assertEquals(List.of(), ProtoCommentChecker.check("y.proto", lines));
  }
}
