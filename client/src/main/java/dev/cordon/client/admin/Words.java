package dev.cordon.client.admin;

import com.google.protobuf.ProtocolMessageEnum;
import dev.cordon.client.cli.Formats;
import dev.cordon.proto.v1.AdminRole;
import dev.cordon.proto.v1.AuditAction;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The words people type for the contracts' enums ("pending", "operator", "tcp"), each the enum name
 * without its prefix, lower case, '-' for '_'. A wrong word is a usage error that lists the right
 * ones.
 */
final class Words {

  private Words() {}

  abstract static class ProtoEnumWord<E extends Enum<E> & ProtocolMessageEnum>
      implements ITypeConverter<E> {
    private final Class<E> type;
    private final String prefix;
    private final Set<String> excluded;

    ProtoEnumWord(Class<E> type, String prefix, String... excluded) {
      this.type = type;
      this.prefix = prefix;
      this.excluded = Set.of(excluded);
    }

    @Override
    public E convert(String value) {
      String word = value.strip().toLowerCase(Locale.ROOT);
      for (E candidate : choices()) {
        if (Formats.enumWord(candidate, prefix).equals(word)) {
          return candidate;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of: " + String.join(", ", words()));
    }

    List<E> choices() {
      List<E> choices = new ArrayList<>();
      for (E candidate : type.getEnumConstants()) {
        String name = candidate.name();
        if (!name.equals("UNRECOGNIZED")
            && !name.endsWith("_UNSPECIFIED")
            && !excluded.contains(Formats.enumWord(candidate, prefix))) {
          choices.add(candidate);
        }
      }
      return choices;
    }

    List<String> words() {
      return choices().stream().map(c -> Formats.enumWord(c, prefix)).toList();
    }
  }

  static final class Status extends ProtoEnumWord<DeviceStatus> {
    Status() {
      super(DeviceStatus.class, "DEVICE_STATUS_");
    }
  }

  static final class Role extends ProtoEnumWord<AdminRole> {
    Role() {
      super(AdminRole.class, "ADMIN_ROLE_");
    }
  }

  static final class Kind extends ProtoEnumWord<PrincipalKind> {
    Kind() {
      super(PrincipalKind.class, "PRINCIPAL_KIND_", "admin", "controller");
    }
  }

  static final class Proto extends ProtoEnumWord<Protocol> {
    Proto() {
      // A flow has one protocol, so "any" is not a question policy test can ask.
      super(Protocol.class, "PROTOCOL_", "any");
    }
  }

  static final class Action extends ProtoEnumWord<AuditAction> {
    Action() {
      super(AuditAction.class, "AUDIT_ACTION_");
    }
  }
}
