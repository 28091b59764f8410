/**
 * Compiles a policy document and the registry into versioned enforcement tables: per gateway (its
 * authorized peers and its flow rules) and per device (the gateways it peers with and the prefixes
 * each may carry). One device's change recomputes only the tables it touches and is returned as
 * deltas; {@link dev.cordon.policy.compile.GatewayDelta#between} diffs any two versions.
 */
package dev.cordon.policy.compile;
