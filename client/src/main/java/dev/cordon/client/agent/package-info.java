/**
 * The device agent behind {@code cordon up}: keeps the device table live from the controller
 * (snapshot, then deltas, resync on a gap), turns it into WireGuard peers and routes, filters
 * inbound flows by the device's own rules, renews the certificate at 2/3 of its life, reports
 * posture, and tears everything down when the controller says the device is revoked. Logic that
 * decides (table plans, the inbound filter, schedules, the status file) is pure and tested without
 * root; {@link dev.cordon.client.agent.Tunnel} is the seam to the real interface.
 */
package dev.cordon.client.agent;
