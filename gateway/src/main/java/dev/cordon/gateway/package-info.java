/**
 * The gateway (policy enforcement point): controller sync, peer table, inside and outside packet
 * paths, per-flow enforcement and telemetry.
 */
package dev.cordon.gateway;
