package dev.cordon.client.agent;

import java.util.List;

/**
 * The steps between two {@link TablePlan}s, to be applied in the order of the components.
 *
 * @param removedRoutes prefixes no longer routed into the interface
 * @param removedPeers keys (base64) of peers to remove, their sessions destroyed
 * @param setPeers peers new or changed
 * @param addedRoutes prefixes newly routed into the interface
 */
public record PlanChanges(
    List<String> removedRoutes,
    List<String> removedPeers,
    List<PeerPlan> setPeers,
    List<String> addedRoutes) {

  public PlanChanges {
    removedRoutes = List.copyOf(removedRoutes);
    removedPeers = List.copyOf(removedPeers);
    setPeers = List.copyOf(setPeers);
    addedRoutes = List.copyOf(addedRoutes);
  }

  public boolean isEmpty() {
    return removedRoutes.isEmpty()
        && removedPeers.isEmpty()
        && setPeers.isEmpty()
        && addedRoutes.isEmpty();
  }
}
