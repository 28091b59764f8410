package dev.cordon.controller.policy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;

/** One applied document: its YAML source exactly as applied, and who applied it when and why. */
public record StoredPolicy(
    long version,
    String source,
    byte[] sha256,
    Instant appliedAt,
    String appliedBy,
    String comment) {

  public StoredPolicy {
    Objects.requireNonNull(source, "source");
    sha256 = sha256.clone();
    comment = comment == null ? "" : comment;
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }

  public static byte[] digest(String source) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public byte[] encode() {
    Properties p = new Properties();
    p.setProperty("version", Long.toString(version));
    p.setProperty("source", source);
    p.setProperty("sha256", sha256Hex());
    p.setProperty("appliedAt", appliedAt.toString());
    p.setProperty("appliedBy", appliedBy);
    p.setProperty("comment", comment);
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static StoredPolicy decode(byte[] bytes) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StoredPolicy(
        Long.parseLong(p.getProperty("version")),
        p.getProperty("source"),
        HexFormat.of().parseHex(p.getProperty("sha256")),
        Instant.parse(p.getProperty("appliedAt")),
        p.getProperty("appliedBy", ""),
        p.getProperty("comment", ""));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredPolicy s
        && version == s.version
        && source.equals(s.source)
        && appliedAt.equals(s.appliedAt)
        && appliedBy.equals(s.appliedBy)
        && comment.equals(s.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, source, appliedAt, appliedBy, comment);
  }

  @Override
  public String toString() {
    return "StoredPolicy[v" + version + " by " + appliedBy + " at " + appliedAt + "]";
  }
}
