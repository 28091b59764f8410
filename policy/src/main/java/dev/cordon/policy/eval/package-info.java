/**
 * Decisions: the verdict vocabulary (every deny has a named {@link
 * dev.cordon.policy.eval.DenyReason}), segment membership, condition checks, and the reference
 * evaluator that walks every rule in order (used for what-if queries and as the oracle the compiled
 * evaluator is tested against).
 *
 * <p>Evaluation order: (1) the source must be a known device that is active or quarantined; (2)
 * every rule whose source, destination, protocol and port match is considered; (3) a matching deny
 * rule whose conditions hold wins, else (4) the first matching allow rule whose conditions hold
 * allows; (5) otherwise a quarantined source is denied as QUARANTINED, (6) a matching allow rule
 * whose conditions failed names the first failure (posture, then site, then time), (7) an address
 * nobody describes is UNKNOWN_DESTINATION, and (8) everything else is NO_MATCHING_RULE.
 */
package dev.cordon.policy.eval;
