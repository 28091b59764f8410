package dev.cordon.controller.tables;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/**
 * A gateway's report that it enforces {@code version}: when it received and finished applying it
 * (its clock), when a controller recorded it (the controller's clock) and which controller.
 */
public record Acknowledgement(
    String gateway,
    long version,
    Instant receivedAt,
    Instant appliedAt,
    Instant recordedAt,
    String recordedBy) {

  byte[] encode() {
    Properties p = new Properties();
    p.setProperty("gateway", gateway);
    p.setProperty("version", Long.toString(version));
    p.setProperty("receivedAt", receivedAt.toString());
    p.setProperty("appliedAt", appliedAt.toString());
    p.setProperty("recordedAt", recordedAt.toString());
    p.setProperty("recordedBy", recordedBy);
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Acknowledgement decode(byte[] bytes) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Acknowledgement(
        p.getProperty("gateway"),
        Long.parseLong(p.getProperty("version")),
        Instant.parse(p.getProperty("receivedAt")),
        Instant.parse(p.getProperty("appliedAt")),
        Instant.parse(p.getProperty("recordedAt")),
        p.getProperty("recordedBy", ""));
  }
}
