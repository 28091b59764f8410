package dev.cordon.controller.enroll;

import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.registry.StoredFields;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A token as stored: its spec, SHA-256 of its secret, and how it has been used. */
record TokenRecord(
    String id,
    String secretHash,
    TokenSpec spec,
    Instant createdAt,
    Instant expiresAt,
    String createdBy,
    List<String> enrolled,
    boolean revoked) {

  TokenRecord {
    enrolled = List.copyOf(enrolled);
  }

  static String hash(byte[] secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Constant-time, so the comparison leaks nothing about how much of the hash matched. */
  boolean secretMatches(byte[] secret) {
    return MessageDigest.isEqual(
        HexFormat.of().parseHex(secretHash), HexFormat.of().parseHex(hash(secret)));
  }

  int uses() {
    return enrolled.size();
  }

  TokenState state(Instant now) {
    if (revoked) {
      return TokenState.REVOKED;
    }
    if (uses() >= spec.maxUses()) {
      return TokenState.USED;
    }
    return now.isBefore(expiresAt) ? TokenState.ACTIVE : TokenState.EXPIRED;
  }

  TokenRecord usedBy(String principalId) {
    List<String> all = new ArrayList<>(enrolled);
    all.add(principalId);
    return new TokenRecord(id, secretHash, spec, createdAt, expiresAt, createdBy, all, revoked);
  }

  TokenRecord revokedNow() {
    return new TokenRecord(id, secretHash, spec, createdAt, expiresAt, createdBy, enrolled, true);
  }

  TokenInfo info(Instant now) {
    return new TokenInfo(id, spec, state(now), uses(), createdAt, expiresAt, createdBy, enrolled);
  }

  byte[] encode() {
    return StoredFields.create()
        .put("id", id)
        .put("secretSha256", secretHash)
        .put("kind", spec.kind().name())
        .put("name", spec.name())
        .put("type", spec.deviceType())
        .putMap("labels", spec.labels())
        .putList("segments", spec.segments())
        .put("validFor", spec.validFor().toString())
        .put("maxUses", spec.maxUses())
        .put("approval", spec.approvalRequired())
        .put("createdAt", createdAt)
        .put("expiresAt", expiresAt)
        .put("createdBy", createdBy)
        .putList("enrolled", enrolled)
        .put("revoked", revoked)
        .encode();
  }

  static TokenRecord decode(byte[] bytes) {
    StoredFields f = StoredFields.decode(bytes);
    TokenSpec spec =
        new TokenSpec(
            PrincipalKind.valueOf(f.get("kind")),
            f.get("name"),
            f.get("type"),
            f.getMap("labels"),
            f.getList("segments"),
            Duration.parse(f.get("validFor")),
            (int) f.getLong("maxUses"),
            f.getBoolean("approval"));
    return new TokenRecord(
        f.get("id"),
        f.get("secretSha256"),
        spec,
        f.getInstant("createdAt"),
        f.getInstant("expiresAt"),
        f.get("createdBy"),
        f.getList("enrolled"),
        f.getBoolean("revoked"));
  }

  @Override
  public String toString() {
    return "TokenRecord["
        + id
        + ", "
        + spec.kind()
        + ", uses "
        + uses()
        + "/"
        + spec.maxUses()
        + "]";
  }
}
