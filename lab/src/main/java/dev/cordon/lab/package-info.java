/**
 * The network-namespace lab: namespaces, veth pairs and a bridge with a per-run prefix, processes
 * run inside them, real etcd and wireguard-go, all removed at the end even when a test fails.
 */
package dev.cordon.lab;
