/**
 * The registry: devices, gateways and administrators as the controller's store holds them, their
 * status changes (approve, quarantine, release, revoke) made by compare-and-set, and the hook
 * ({@link dev.cordon.controller.registry.RegistryListener}) through which table compilation learns
 * of device changes. No proto types here: the API layer maps these records.
 */
package dev.cordon.controller.registry;
