/**
 * JMH benchmarks of the gateway's enforcement path and the policy compiler, built only with the
 * {@code bench} profile ({@code ./mvnw -o -pl gateway -Pbench package}, then {@code java -jar
 * gateway/target/benchmarks.jar}). The fleet is synthetic but shaped like a deployment: segments
 * by label, services behind the gateway, allow and deny rules with distinct ports.
 */
package dev.cordon.gateway.bench;
