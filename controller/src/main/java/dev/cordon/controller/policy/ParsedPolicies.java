package dev.cordon.controller.policy;

import dev.cordon.policy.load.PolicyLoader;
import dev.cordon.policy.model.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few documents parsed, by their exact source. Applying a policy parses it to validate;
 * then the table feed, the diff against it at the next apply, and the what-if queries would parse
 * the same source again, each time on the way from ApplyPolicy to the gateways' acknowledgement.
 * Documents are immutable, so one parse serves them all. Keyed by the whole source text, not by a
 * stored digest, so a damaged record can never be served another document.
 */
final class ParsedPolicies {
  private static final int KEPT = 4;

  private static final Map<String, PolicyDocument> RECENT =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PolicyDocument> eldest) {
          return size() > KEPT;
        }
      };

  private ParsedPolicies() {}

  /** Remembers a document just parsed (and found valid) from {@code source}. */
  static void remember(String source, PolicyDocument document) {
    synchronized (RECENT) {
      RECENT.put(source, document);
    }
  }

  /** The document of a source that was valid when stored; failing now is a bug, not bad input. */
  static PolicyDocument parse(String source) {
    synchronized (RECENT) {
      PolicyDocument known = RECENT.get(source);
      if (known != null) {
        return known;
      }
    }
    PolicyDocument parsed = PolicyLoader.load(source).orThrow();
    remember(source, parsed);
    return parsed;
  }
}
