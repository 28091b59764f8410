package dev.cordon.controller.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key rules shared by both stores: keys are paths starting with {@code /}, well-formed UTF-8,
 * ordered by bytes. The leading slash is what keeps etcd namespaces apart: namespace {@code /a}
 * holds {@code /a/...} and never {@code /a-b/...}, which belongs to namespace {@code /a-b}.
 */
final class Keys {
  private Keys() {}

  static byte[] key(String key) {
    if (key == null || !key.startsWith("/")) {
      throw new IllegalArgumentException("a key is a path starting with /, got " + key);
    }
    return utf8(key, "key");
  }

  /** A prefix may be empty: it then covers every key. */
  static byte[] prefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("a prefix must not be null (use \"\" for every key)");
    }
    if (!prefix.isEmpty() && !prefix.startsWith("/")) {
      throw new IllegalArgumentException("a prefix is empty or starts with /, got " + prefix);
    }
    return utf8(prefix, "prefix");
  }

  /**
   * The smallest byte string greater than every string starting with {@code prefix}, or null when
   * there is none (empty prefix, or all bytes 0xff): the range is then open-ended.
   */
  static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  static boolean hasPrefix(String key, String prefix) {
    return key.startsWith(prefix);
  }

  private static byte[] utf8(String text, String what) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(java.nio.CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a " + what + " must be well-formed Unicode", e);
    }
  }
}
