package dev.cordon.gateway.enforce;

/**
 * Whether the table may still decide new flows at {@code nowMillis}. Fail-static answers true while
 * the controller is reachable or has been gone less than the configured bound; after it, new flows
 * are refused (fail closed) and established ones keep their verdicts.
 */
@FunctionalInterface
public interface Freshness {
  Freshness ALWAYS = now -> true;

  boolean trusted(long nowMillis);
}
