package dev.cordon.controller.registry;

import java.time.Instant;
import java.util.Objects;

/** An administrator; {@code createdBy} is empty for the first owner made at first start. */
public record AdminRecord(
    String name, AdminRole role, Instant createdAt, String createdBy, Credential credential) {

  public AdminRecord {
    Objects.requireNonNull(name);
    Objects.requireNonNull(role);
    Objects.requireNonNull(credential);
  }

  public byte[] encode() {
    StoredFields f =
        StoredFields.create()
            .put("name", name)
            .put("role", role.name())
            .put("createdAt", createdAt)
            .put("createdBy", createdBy);
    credential.write(f);
    return f.encode();
  }

  public static AdminRecord decode(byte[] bytes) {
    StoredFields f = StoredFields.decode(bytes);
    return new AdminRecord(
        f.get("name"),
        AdminRole.valueOf(f.get("role")),
        f.getInstant("createdAt"),
        f.get("createdBy"),
        Credential.read(f));
  }
}
