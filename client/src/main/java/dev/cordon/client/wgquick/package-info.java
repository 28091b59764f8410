/**
 * The wg-quick configuration of a device that runs stock WireGuard: its own key and address, and
 * the gateways the controller's device table names as peers with only the prefixes policy allows.
 */
package dev.cordon.client.wgquick;
