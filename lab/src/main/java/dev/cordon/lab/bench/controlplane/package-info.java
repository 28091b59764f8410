/**
 * The control plane's numbers (issues 4 and 5): enrollments per second on the embedded store and on
 * a three-member etcd, and the time from a policy change at the controller to every watching
 * gateway's acknowledgement. A real controller runs in-process on loopback over real TLS; devices
 * and gateways are simulated by clients that speak the same RPCs (keys and CSRs made before the
 * clock starts, as devices make their own). {@link
 * dev.cordon.lab.bench.controlplane.ControlPlaneBench} runs both and writes
 * docs/benchmarks-control-plane.md, with the JMH figures of the gateway's bench profile pasted in.
 */
package dev.cordon.lab.bench.controlplane;
