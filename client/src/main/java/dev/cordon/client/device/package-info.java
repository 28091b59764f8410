/**
 * The device verbs: {@code enroll} (agent and stock WireGuard), {@code up} (the agent of {@link
 * dev.cordon.client.agent}), {@code down} (stops it through its pidfile) and {@code status}
 * (identity, plus the running agent's status file).
 */
package dev.cordon.client.device;
