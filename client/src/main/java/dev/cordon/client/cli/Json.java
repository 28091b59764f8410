package dev.cordon.client.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON every {@code --json} read prints. Proto messages go through protobuf's canonical JSON
 * mapping with proto field names, every field printed even when it holds its default, and map keys
 * sorted, so the shape never depends on the data and scripts can rely on it. Values that are not
 * protos (the local {@code status}) go through a tiny writer for maps, lists, strings, numbers and
 * booleans, keys in insertion order.
 */
public final class Json {

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer()
          .preservingProtoFieldNames()
          .alwaysPrintFieldsWithNoPresence()
          .sortingMapKeys();

  private Json() {}

  /** The message as indented JSON. */
  public static String of(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types fail, and the contracts have none.
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }

  /** A value made of maps, lists, strings, numbers, booleans and nulls, as compact JSON. */
  public static String of(Object value) {
    StringBuilder text = new StringBuilder();
    write(value, text);
    return text.toString();
  }

  private static void write(Object value, StringBuilder text) {
    switch (value) {
      case null -> text.append("null");
      case String s -> string(s, text);
      case Boolean b -> text.append(b);
      case Number n -> text.append(n);
      case Map<?, ?> map -> {
        text.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
          Map.Entry<?, ?> entry = entries.next();
          string(String.valueOf(entry.getKey()), text);
          text.append(':');
          write(entry.getValue(), text);
          if (entries.hasNext()) {
            text.append(',');
          }
        }
        text.append('}');
      }
      case List<?> list -> {
        text.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            text.append(',');
          }
          write(list.get(i), text);
        }
        text.append(']');
      }
      default -> string(value.toString(), text);
    }
  }

  private static void string(String s, StringBuilder text) {
    text.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }
}
