/**
 * Cordon's data plane measured against wireguard-go in one lab ({@code make bench-tunnel}), the
 * gateway's own benchmark ({@code make bench-gateway}), the page that lists every target ({@link
 * dev.cordon.lab.bench.BenchmarkIndex}), and the pieces the interop tests share with them: a Cordon
 * tunnel process in a namespace, a flooder of handshake initiations, a byte-checked TCP transfer,
 * and parsers for iperf3 and ping output.
 */
package dev.cordon.lab.bench;
