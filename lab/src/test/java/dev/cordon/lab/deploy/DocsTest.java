package dev.cordon.lab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.load.LoadResult;
import dev.cordon.policy.load.PolicyLoader;
import dev.cordon.policy.model.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DocsTest {

  private static final Path ROOT = RepoFiles.root();
  // [text](target) — the target up to a space or ')'; images too.
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void the_example_policy_loads_without_errors_or_warnings() {
    LoadResult result =
        PolicyLoader.load(RepoFiles.read(ROOT.resolve("docs/examples/policy.yaml")));
    assertEquals(List.of(), result.problems());
    PolicyDocument doc = result.orThrow();
    assertEquals(
        List.of("cameras", "thermostats", "locks", "sensors"),
        doc.segments().stream().map(s -> s.name()).toList());
  }

  @Test
  void every_relative_link_in_the_docs_resolves_to_a_file() {
    List<Path> pages = new ArrayList<>(RepoFiles.files(ROOT.resolve("docs"), ".md"));
    pages.add(ROOT.resolve("deploy/README.md"));
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      for (String target : relativeLinks(RepoFiles.read(page))) {
        Path resolved = page.getParent().resolve(target).normalize();
        checked++;
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + " -> " + target);
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(checked >= 10, "only " + checked + " links checked");
  }

  @Test
  void the_link_check_sees_relative_links_and_ignores_urls_and_anchors() {
    assertEquals(
        List.of("a.md", "../b/", "c.md"),
        relativeLinks("[x](a.md) [y](../b/) [z](c.md#part) [u](https://e.org/x) [v](#top)"));
  }

  /** Relative link targets without their #anchor; URLs and same-page anchors are left out. */
  static List<String> relativeLinks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = LINK.matcher(markdown);
    while (m.find()) {
      String target = m.group(1);
      if (target.contains("://") || target.startsWith("#") || target.startsWith("mailto:")) {
        continue;
      }
      int hash = target.indexOf('#');
      out.add(hash >= 0 ? target.substring(0, hash) : target);
    }
    return out;
  }
}
