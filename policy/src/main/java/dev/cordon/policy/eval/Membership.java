package dev.cordon.policy.eval;

import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Quarantine;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Which segments a device belongs to under a document. */
public final class Membership {
  private Membership() {}

  /**
   * Active devices belong to every segment that lists them (by id or name), that their enrollment
   * token named, or whose selector matches their labels (the device type seen as {@code type}
   * unless a {@code type} label is set); a token segment the document does not define is no
   * membership at all. Quarantined devices only to the quarantine segment (none if the document
   * declares none); pending and revoked devices to nothing.
   */
  public static Set<String> segmentsOf(PolicyDocument doc, DeviceRecord d) {
    Set<String> out = new LinkedHashSet<>();
    if (d.status() == DeviceStatus.QUARANTINED) {
      doc.quarantine().map(Quarantine::segment).ifPresent(out::add);
    } else if (d.status() == DeviceStatus.ACTIVE) {
      Map<String, String> labels = d.selectorLabels();
      for (Segment s : doc.segments()) {
        if (d.segments().contains(s.name()) || s.includes(d.id(), d.name(), labels)) {
          out.add(s.name());
        }
      }
    }
    return out;
  }
}
