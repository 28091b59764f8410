package dev.cordon.controller.audit;

import java.util.Objects;

/**
 * A refused API call as the audit log groups it: who (a SPIFFE ID, or empty when the caller did not
 * authenticate), from where, which method, and why. Two refusals with equal fields are repeats of
 * one another for {@link DenialAggregator}.
 *
 * <p>{@code peer} (an address without port) only tells unauthenticated callers apart: a caller with
 * a principal is one caller wherever it connects from, so the peer is dropped for it.
 */
public record RefusedCall(String principal, String peer, String method, String reason) {

  public RefusedCall {
    principal = Objects.requireNonNullElse(principal, "");
    peer = principal.isEmpty() ? Objects.requireNonNullElse(peer, "") : "";
    method = Objects.requireNonNullElse(method, "");
    reason = Objects.requireNonNullElse(reason, "");
  }
}
