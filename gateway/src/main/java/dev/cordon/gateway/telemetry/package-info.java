/**
 * What the gateway tells people and machines about itself: the status snapshot (peers, flows, drops
 * by reason, table version, apply latency), rendered as Prometheus text and a health answer by a
 * small JDK HTTP server.
 */
package dev.cordon.gateway.telemetry;
