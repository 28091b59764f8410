package dev.cordon.policy.model;

import java.util.Set;

/**
 * A response the controller applies on an event; data only, nothing here acts. An empty segment set
 * means every device.
 */
public record Playbook(String name, Trigger trigger, Response response, Set<String> segments) {
  public Playbook {
    segments = Set.copyOf(segments);
  }

  public enum Trigger {
    ANOMALY,
    POSTURE_FAILED
  }

  public enum Response {
    QUARANTINE,
    NOTIFY
  }
}
