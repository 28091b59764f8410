package dev.cordon.policy.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A micro-segment: devices listed by id or by name, plus devices whose labels match any one
 * selector (all pairs of that selector must match). Names need not be unique, so a listed name
 * takes in every device that bears it.
 */
public record Segment(String name, Set<String> devices, List<LabelSelector> selectors) {
  public Segment {
    devices = Set.copyOf(devices);
    selectors = List.copyOf(selectors);
  }

  public static Segment ofSelector(String name, String selector) {
    return new Segment(name, Set.of(), List.of(LabelSelector.parse(selector)));
  }

  public static Segment ofDevices(String name, String... ids) {
    return new Segment(name, Set.of(ids), List.of());
  }

  public boolean includes(String deviceId, String deviceName, Map<String, String> labels) {
    if (devices.contains(deviceId)) return true;
    if (deviceName != null && devices.contains(deviceName)) return true;
    for (LabelSelector s : selectors) if (s.matches(labels)) return true;
    return false;
  }
}
