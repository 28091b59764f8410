package dev.cordon.client.admin;

import dev.cordon.client.cli.Formats;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.SecurityEventKind;
import dev.cordon.proto.v1.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The words of {@code cordon events}: event kinds and severities as people type them, and how one
 * entry reads in the table. Flow records are entries of no kind whose attributes say {@code
 * record=flow}; people call them "flow".
 */
final class EventText {

  static final String FLOW = "flow";

  private EventText() {}

  /** What {@code --kind} asks for: one security event kind, or flow records only. */
  record KindFilter(Optional<SecurityEventKind> kind, boolean flowsOnly) {}

  static final class Kind implements ITypeConverter<KindFilter> {
    private final Words.ProtoEnumWord<SecurityEventKind> words = new KindWord();

    @Override
    public KindFilter convert(String value) {
      if (value.strip().equalsIgnoreCase(FLOW)) {
        return new KindFilter(Optional.empty(), true);
      }
      try {
        return new KindFilter(Optional.of(words.convert(value)), false);
      } catch (TypeConversionException e) {
        List<String> all = new ArrayList<>(words.words());
        all.addFirst(FLOW);
        throw new TypeConversionException(
            "'" + value + "' is not one of: " + String.join(", ", all));
      }
    }
  }

  static final class KindWord extends Words.ProtoEnumWord<SecurityEventKind> {
    KindWord() {
      super(SecurityEventKind.class, "SECURITY_EVENT_KIND_");
    }
  }

  static final class Level extends Words.ProtoEnumWord<Severity> {
    Level() {
      super(Severity.class, "SEVERITY_");
    }
  }

  static boolean isFlow(SecurityEvent event) {
    return FLOW.equals(event.getAttributesOrDefault("record", ""));
  }

  static String kind(SecurityEvent event) {
    return isFlow(event) ? FLOW : Formats.enumWord(event.getKind(), "SECURITY_EVENT_KIND_");
  }

  static String severity(SecurityEvent event) {
    return event.getSeverity() == Severity.SEVERITY_UNSPECIFIED
        ? "-"
        : Formats.enumWord(event.getSeverity(), "SEVERITY_");
  }

  /** The device it is about, by id; the WireGuard key's start when the sender was unknown. */
  static String device(SecurityEvent event) {
    if (!event.getSubject().getName().isEmpty()) {
      return printable(event.getSubject().getName());
    }
    if (!event.getWireguardPublicKey().isEmpty()) {
      return "key " + Formats.key(event.getWireguardPublicKey().toByteArray()).substring(0, 8);
    }
    return "-";
  }

  /**
   * Text a gateway wrote, made safe for a terminal: a control character could move the cursor or
   * rewrite the lines above it.
   */
  static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  static String reporter(SecurityEvent event) {
    return event.getReporter().getName().isEmpty() ? "-" : event.getReporter().getName();
  }
}
