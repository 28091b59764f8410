package dev.cordon.policy.model;

import java.util.List;
import java.util.Set;

/**
 * When a rule applies: posture (null = any), time windows (empty = always; otherwise any one
 * window), and sites the device reports (empty = anywhere). All given parts must hold.
 */
public record Conditions(PostureCondition posture, List<TimeWindow> windows, Set<String> sites) {
  public static final Conditions ALWAYS = new Conditions(null, List.of(), Set.of());

  public Conditions {
    windows = List.copyOf(windows);
    sites = Set.copyOf(sites);
  }

  public boolean isAlways() {
    return posture == null && windows.isEmpty() && sites.isEmpty();
  }
}
