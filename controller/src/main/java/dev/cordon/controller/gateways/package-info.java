/**
 * What the Admin API shows about a gateway, assembled from where each fact lives: the registry
 * (identity, endpoints, protected prefixes), the table side (target version, peer count, the newest
 * acknowledgement) and presence (open table watches, as lease-bound keys in the store so that every
 * controller on one store sees every other's watches). No proto types here.
 */
package dev.cordon.controller.gateways;
