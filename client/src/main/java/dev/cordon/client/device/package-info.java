/**
 * The device verbs: {@code enroll} (agent and stock WireGuard), {@code status}, and {@code
 * up}/{@code down}, whose agent is not yet implemented in this build and says so.
 */
package dev.cordon.client.device;
