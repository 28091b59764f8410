package dev.cordon.lab.bench.controlplane;

/**
 * The acknowledgement bench's result: per change, from the ApplyPolicy call to the last gateway's
 * confirmed ack ({@code latency}), and how much of that the ApplyPolicy call itself took ({@code
 * apply}: validation, compilation and the store write, before any gateway can hear of it), and from
 * the call to the last gateway receiving the update ({@code received}; the rest is the Acknowledge
 * round trip).
 */
record WatchRun(
    int gateways,
    int devices,
    int changes,
    int timedOut,
    Percentiles latency,
    Percentiles apply,
    Percentiles received) {}
