/**
 * Enforcement tables as each controller serves them. Every controller keeps the policy compiler in
 * memory, rebuilt from the store at start and fed by one store watch (registry devices and
 * gateways, policy versions), so a change made through any controller reaches subscribers of every
 * controller. A table's version is the store revision whose state it reflects: the same number
 * means the same table on every controller, and versions only grow across restarts. Subscribers get
 * a snapshot (or nothing, when the version they hold is still current), then a delta per change,
 * pushed as the change is processed. Acknowledgements are kept in the store per gateway.
 */
package dev.cordon.controller.tables;
