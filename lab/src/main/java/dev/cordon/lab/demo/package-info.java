/**
 * {@code make demo}: the whole Cordon system in a namespace lab, run from the built distribution —
 * a controller, gateways {@code hq} and {@code plant} in front of small TCP services, agent devices
 * and a stock WireGuard sensor — with the example policy applied, every flow tried both as a policy
 * what-if and as a real connection, then a revocation and a quarantine. Prints what happened as
 * tables; never claims what it did not observe.
 */
package dev.cordon.lab.demo;
