/**
 * The whole Cordon system in a {@link dev.cordon.lab.Lab}: a controller, a gateway in front of
 * protected service hosts, and devices, each run from the built distribution ({@code bin/cordon})
 * in its own namespace, plus the small TCP services and probes the end-to-end tests send traffic
 * with. Every wait is bounded; every process belongs to the lab and ends with it.
 */
package dev.cordon.lab.system;
