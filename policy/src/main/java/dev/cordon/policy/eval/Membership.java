package dev.cordon.policy.eval;

import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Quarantine;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.LinkedHashSet;
import java.util.Set;

/** Which segments a device belongs to under a document. */
public final class Membership {
  private Membership() {}

  /**
   * Active devices belong to every segment that lists them or whose selector matches; quarantined
   * devices only to the quarantine segment (none if the document declares none); pending and
   * revoked devices to nothing.
   */
  public static Set<String> segmentsOf(PolicyDocument doc, DeviceRecord d) {
    Set<String> out = new LinkedHashSet<>();
    if (d.status() == DeviceStatus.QUARANTINED) {
      doc.quarantine().map(Quarantine::segment).ifPresent(out::add);
    } else if (d.status() == DeviceStatus.ACTIVE) {
      for (Segment s : doc.segments()) if (s.includes(d.id(), d.labels())) out.add(s.name());
    }
    return out;
  }
}
