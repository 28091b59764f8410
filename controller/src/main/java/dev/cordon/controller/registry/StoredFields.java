package dev.cordon.controller.registry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The text form of a stored record: one {@code name=value} line per field, names sorted, values
 * percent-escaped so that lists ({@code a,b}) and maps ({@code k=v,k=v}) nest without ambiguity.
 * Text rather than protobuf because domain records never touch generated proto types, and text
 * stays readable with {@code etcdctl get} or {@code sqlite3} when an operator debugs a store.
 */
public final class StoredFields {

  private final Map<String, String> fields;

  private StoredFields(Map<String, String> fields) {
    this.fields = fields;
  }

  public static StoredFields create() {
    return new StoredFields(new TreeMap<>());
  }

  /**
   * @throws IllegalArgumentException if a line has no {@code =}: the value is not one we wrote
   */
  public static StoredFields decode(byte[] bytes) {
    Map<String, String> fields = new TreeMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("a stored record line lacks 'name=': " + line.length());
      }
      fields.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
    }
    return new StoredFields(fields);
  }

  public byte[] encode() {
    StringBuilder out = new StringBuilder();
    fields.forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public StoredFields put(String name, String value) {
    fields.put(name, value);
    return this;
  }

  public StoredFields put(String name, long value) {
    return put(name, Long.toString(value));
  }

  public StoredFields put(String name, boolean value) {
    return put(name, Boolean.toString(value));
  }

  public StoredFields put(String name, Instant value) {
    return put(name, value.toString());
  }

  public StoredFields put(String name, Optional<?> value) {
    value.ifPresent(v -> put(name, v instanceof Instant i ? i.toString() : v.toString()));
    return this;
  }

  public StoredFields putList(String name, List<String> values) {
    return put(name, String.join(",", values.stream().map(StoredFields::escape).toList()));
  }

  public StoredFields putMap(String name, Map<String, String> values) {
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(values).forEach((k, v) -> pairs.add(escape(k) + "=" + escape(v)));
    return put(name, String.join(",", pairs));
  }

  public String get(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("stored record lacks field '" + name + "'");
    }
    return value;
  }

  public Optional<String> find(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  public long getLong(String name) {
    return Long.parseLong(get(name));
  }

  public boolean getBoolean(String name) {
    return Boolean.parseBoolean(get(name));
  }

  public Instant getInstant(String name) {
    return Instant.parse(get(name));
  }

  public Optional<Instant> findInstant(String name) {
    return find(name).map(Instant::parse);
  }

  public List<String> getList(String name) {
    String value = find(name).orElse("");
    return value.isEmpty()
        ? List.of()
        : Arrays.stream(value.split(",", -1)).map(StoredFields::unescape).toList();
  }

  public Map<String, String> getMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = find(name).orElse("");
    for (String pair : raw.isEmpty() ? List.<String>of() : Arrays.asList(raw.split(",", -1))) {
      int eq = pair.indexOf('=');
      out.put(unescape(pair.substring(0, eq)), unescape(pair.substring(eq + 1)));
    }
    return out;
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '%', ',', '=', '\n', '\r' -> out.append('%').append("%02X".formatted((int) c));
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
