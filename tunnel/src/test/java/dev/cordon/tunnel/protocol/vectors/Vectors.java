package dev.cordon.tunnel.protocol.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Loads the shared test vectors from {@code ${cordon.shared.dir}/vectors/}. */
public final class Vectors {
  private Vectors() {}

  /** The parsed top-level object of a vector file. */
  public static Map<String, Object> load(String fileName) {
    String dir = System.getProperty("cordon.shared.dir");
    if (dir == null) {
      throw new IllegalStateException("system property cordon.shared.dir is not set");
    }
    Path path = Path.of(dir, "vectors", fileName);
    try {
      return map(Json.parse(Files.readString(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector file " + path, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  public static byte[] hex(Map<String, Object> m, String key) {
    return HexFormat.of().parseHex((String) m.get(key));
  }

  public static String toHex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
