package dev.cordon.client.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.PrincipalKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The line `cordon enroll` prints names what was enrolled: a device by id, a gateway by name. */
class EnrolledLineTest {

  @Test
  void aGatewayIsAnnouncedAsAGatewayByItsName() {
    Identity gateway =
        Identity.newBuilder()
            .setKind(PrincipalKind.PRINCIPAL_KIND_GATEWAY)
            .setName("hq")
            .setSpiffeId("spiffe://cordon.local/gateway/hq")
            .build();
    assertEquals(
        "Enrolled as gateway hq (spiffe://cordon.local/gateway/hq), overlay address 100.64.0.1;"
            + " state in /var/lib/cordon/gateway.",
        EnrollCommand.enrolledLine(gateway, "100.64.0.1", Path.of("/var/lib/cordon/gateway")));
  }

  @Test
  void aDeviceIsAnnouncedAsADeviceByItsId() {
    Identity device =
        Identity.newBuilder()
            .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
            .setName("d-7f3a")
            .setSpiffeId("spiffe://cordon.local/device/d-7f3a")
            .build();
    assertEquals(
        "Enrolled as device d-7f3a (spiffe://cordon.local/device/d-7f3a), overlay address"
            + " 100.64.0.2; state in /var/lib/cordon.",
        EnrollCommand.enrolledLine(device, "100.64.0.2", Path.of("/var/lib/cordon")));
  }
}
