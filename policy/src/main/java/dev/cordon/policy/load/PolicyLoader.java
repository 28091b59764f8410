package dev.cordon.policy.load;

import dev.cordon.policy.model.PolicyDocument;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a policy document from YAML text. Only the node graph is composed (no Java objects are
 * constructed from tags), aliases and nesting are bounded, and every problem is collected.
 */
public final class PolicyLoader {
  /** Large enough for tens of thousands of rules, small enough to bound a hostile upload. */
  public static final int MAX_CODE_POINTS = 16 * 1024 * 1024;

  private PolicyLoader() {}

  public static LoadResult load(String yaml) {
    return load(new StringReader(yaml));
  }

  /** Reads the whole reader; the caller closes it. */
  public static LoadResult load(Reader reader) {
    List<Problem> problems = new ArrayList<>();
    Nodes nodes = new Nodes(problems);
    Node root;
    try {
      root = new Yaml(options()).compose(reader);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(
          new Problem(
              Problem.Severity.ERROR,
              m == null ? 1 : m.getLine() + 1,
              m == null ? 1 : m.getColumn() + 1,
              "the YAML cannot be read: " + what));
      return new LoadResult(Optional.empty(), problems);
    } catch (YAMLException e) {
      problems.add(
          new Problem(Problem.Severity.ERROR, 1, 1, "the YAML cannot be read: " + e.getMessage()));
      return new LoadResult(Optional.empty(), problems);
    }
    if (root == null) {
      problems.add(
          new Problem(
              Problem.Severity.ERROR,
              1,
              1,
              "the document is empty; start with gateways:, segments:, services: and rules:"));
      return new LoadResult(Optional.empty(), problems);
    }
    Draft draft = new DocumentReader(nodes).read(root);
    new Validator(nodes, draft).check();
    problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    if (problems.stream().anyMatch(Problem::isError)) {
      return new LoadResult(Optional.empty(), problems);
    }
    return new LoadResult(
        Optional.of(
            new PolicyDocument(
                draft.gateways,
                draft.segments,
                draft.services,
                draft.rules,
                Optional.ofNullable(draft.quarantine),
                draft.playbooks)),
        problems);
  }

  private static LoaderOptions options() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(true); // reported by the reader with both lines instead
    o.setMaxAliasesForCollections(20);
    o.setNestingDepthLimit(40);
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setAllowRecursiveKeys(false);
    return o;
  }
}
