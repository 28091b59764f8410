/**
 * Overlay address management: a pool (100.64.0.0/10 by default) and claims that a caller commits
 * inside its own store transaction, guarded by "this address key is absent", so two controllers or
 * two threads can never hand out one address twice.
 */
package dev.cordon.controller.ipam;
