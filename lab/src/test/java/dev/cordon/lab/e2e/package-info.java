/**
 * End-to-end lab tests: the real controller, gateway, CLI and stock WireGuard devices from the
 * built distribution, each in its own network namespace.
 */
package dev.cordon.lab.e2e;
