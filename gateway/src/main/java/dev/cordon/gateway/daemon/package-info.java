/**
 * {@code cordon gateway}: the daemon's command line (flags and defaults) and {@code cordon gateway
 * status}, which reads the status file the daemon keeps in its state directory.
 */
package dev.cordon.gateway.daemon;
