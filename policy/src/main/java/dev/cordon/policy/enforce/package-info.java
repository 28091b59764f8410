/**
 * The gateway's first-packet evaluator over one compiled {@link
 * dev.cordon.policy.compile.GatewayTable}: peers by overlay address and service rules by
 * destination interval, both found by binary search, segment sets as bit masks, and every possible
 * {@link dev.cordon.policy.eval.Decision} made up front so a lookup allocates nothing. It gives the
 * same answer as the reference evaluator over the same table (a differential test holds it to
 * that).
 */
package dev.cordon.policy.enforce;
