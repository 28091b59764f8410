package dev.cordon.controller.registry;

/**
 * Told after a device's record committed a change (enrolled, approved, quarantined, released,
 * revoked, renewed, posture, deleted): the seam through which table compilation recompiles only
 * what one device's change affects. Called on the writer's thread after the commit; must not block.
 * Across several controllers the store's watch on {@link StoreKeys#DEVICES} is the source of truth;
 * this hook only saves the local controller a round trip.
 */
@FunctionalInterface
public interface RegistryListener {

  RegistryListener NONE = (id, device) -> {};

  /**
   * @param device the record after the change, or null when it was deleted
   */
  void deviceChanged(String deviceId, DeviceRecord device);
}
