/**
 * The {@code cordon controller} daemon: configuration (flags and an optional properties file),
 * first-start setup (CA, first owner credential written once with mode 0600), wiring of store,
 * domain services and gRPC server, the Prometheus endpoint, and a clean stop on SIGTERM.
 */
package dev.cordon.controller.daemon;
