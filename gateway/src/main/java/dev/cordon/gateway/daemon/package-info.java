/**
 * {@code cordon gateway}: the daemon (credential from the enrolled state directory, device, TUN
 * address and pool route, sync, metrics, status file, shutdown hook) and {@code cordon gateway
 * status}, which reads the status file the daemon keeps in its state directory.
 */
package dev.cordon.gateway.daemon;
