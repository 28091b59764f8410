package dev.cordon.policy.load;

import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.Playbook;
import dev.cordon.policy.model.Quarantine;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;

/** What the reader made of a document, with the positions the validator needs for its messages. */
final class Draft {
  /** A name being defined: its kind ("segment"), the name, and where. */
  record Definition(String kind, String name, Mark at) {}

  /** A use of a name: who refers ("rule \"x\""), to what kind, which name, and where. */
  record Reference(String owner, String kind, String name, Mark at) {}

  final List<Gateway> gateways = new ArrayList<>();
  final List<Segment> segments = new ArrayList<>();
  final List<Service> services = new ArrayList<>();
  final List<Rule> rules = new ArrayList<>();
  Quarantine quarantine;
  Mark quarantineAt;
  final List<Playbook> playbooks = new ArrayList<>();
  final List<Definition> definitions = new ArrayList<>();
  final List<Reference> references = new ArrayList<>();
  final Map<String, Mark> ruleAt = new HashMap<>();
  final Map<String, Mark> playbookAt = new HashMap<>();
}
