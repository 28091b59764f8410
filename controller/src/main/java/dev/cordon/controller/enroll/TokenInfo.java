package dev.cordon.controller.enroll;

import java.time.Instant;
import java.util.List;

/** A token as every read shows it: metadata only, never the secret or its hash. */
public record TokenInfo(
    String id,
    TokenSpec spec,
    TokenState state,
    int uses,
    Instant createdAt,
    Instant expiresAt,
    String createdBy,
    List<String> enrolled) {

  public TokenInfo {
    enrolled = List.copyOf(enrolled);
  }
}
