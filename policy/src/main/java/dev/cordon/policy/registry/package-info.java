/**
 * The registry as the policy module sees it: a read-only view of each device (identity, key,
 * overlay address, labels, status, posture, reported site) supplied by the controller.
 */
package dev.cordon.policy.registry;
