package dev.cordon.proto.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conventions checked on the generated descriptors, file by file. */
class DescriptorConventionsTest {

  private static final List<FileDescriptor> FILES =
      List.of(
          CommonProto.getDescriptor(),
          IdentityProto.getDescriptor(),
          EnrollmentProto.getDescriptor(),
          DeviceProto.getDescriptor(),
          PolicyProto.getDescriptor(),
          TablesProto.getDescriptor(),
          GatewayProto.getDescriptor(),
          EventsProto.getDescriptor(),
          AdminProto.getDescriptor());

  @Test
  void everyEnumStartsWithItsUnspecifiedValueAtZero() {
    List<String> problems = new ArrayList<>();
    for (EnumDescriptor e : allEnums()) {
      String expected = upperSnake(e.getName()) + "_UNSPECIFIED";
      var zero = e.findValueByNumber(0);
      if (zero == null || !zero.getName().equals(expected) || e.getValues().get(0) != zero) {
        problems.add(e.getFullName() + " must start with " + expected + " = 0");
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void everyFileIsPackageCordonV1AndGeneratesIntoOneJavaPackage() {
    for (FileDescriptor f : FILES) {
      assertEquals("cordon.v1", f.getPackage(), f.getName());
      assertEquals("dev.cordon.proto.v1", f.getOptions().getJavaPackage(), f.getName());
      assertTrue(f.getOptions().getJavaMultipleFiles(), f.getName());
    }
  }

  @Test
  void enrollmentReservesTheCallerFieldSoIdentityNeverComesFromARequest() {
    Descriptor enroll = EnrollRequest.getDescriptor();
    assertTrue(enroll.isReservedName("caller"));
    assertTrue(enroll.isReservedNumber(15));
    for (FileDescriptor f : FILES) {
      for (Descriptor m : f.getMessageTypes()) {
        assertEquals(null, m.findFieldByName("caller"), m.getFullName() + " names its caller");
      }
    }
  }

  private static List<EnumDescriptor> allEnums() {
    List<EnumDescriptor> enums = new ArrayList<>();
    for (FileDescriptor f : FILES) {
      enums.addAll(f.getEnumTypes());
      f.getMessageTypes().forEach(m -> collect(m, enums));
    }
    return enums;
  }

  private static void collect(Descriptor message, List<EnumDescriptor> enums) {
    enums.addAll(message.getEnumTypes());
    message.getNestedTypes().forEach(n -> collect(n, enums));
  }

  private static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}
