package dev.cordon.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.proto.v1.AuditEvent;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.QueryAuditRequest;
import dev.cordon.proto.v1.TokenSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused calls through the real server: every one counted, the audit log not flooded. */
class RefusalFloodTest {

  static final String EVE = "spiffe://cordon.local/admin/eve";
  static final String CREATE_TOKEN = "cordon.v1.AdminService/CreateToken";

  @TempDir Path dir;
  TlsController controller;

  @BeforeEach
  void start() throws Exception {
    controller = new TlsController(dir);
  }

  @AfterEach
  void stop() throws Exception {
    controller.close();
  }

  @Test
  void twoHundredWrongRoleCallsLeaveOneEntryUntilShutdownAddsOneSummaryAndAllAreCounted()
      throws Exception {
    var eve = controller.adminStub(controller.admin("eve", AdminRole.AUDITOR));
    CreateTokenRequest request =
        CreateTokenRequest.newBuilder()
            .setSpec(
                TokenSpec.newBuilder().setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE).setName("cam"))
            .build();

    for (int i = 0; i < 200; i++) {
      StatusRuntimeException refused =
          assertThrows(StatusRuntimeException.class, () -> eve.createToken(request));
      assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    }

    assertEquals(200, controller.metrics.denials("ROLE"), "metrics count every refusal");
    List<AuditEvent> seen =
        controller
            .adminStub(controller.admin("ann", AdminRole.AUDITOR))
            .queryAudit(
                QueryAuditRequest.newBuilder()
                    .setPrincipal(EVE)
                    .setAction(dev.cordon.proto.v1.AuditAction.AUDIT_ACTION_API_DENIED)
                    .build())
            .getEventsList();
    assertEquals(1, seen.size(), "inside the window only the first refusal is written");
    assertEquals(CREATE_TOKEN, seen.getFirst().getTarget());
    assertEquals("ROLE", seen.getFirst().getReason());

    controller.server.shutdown(Duration.ofSeconds(2));

    List<AuditEntry> written =
        controller.fleet.audit.query(AuditQuery.all()).entries().stream()
            .filter(e -> e.action() == AuditAction.API_DENIED && e.principal().equals(EVE))
            .toList();
    assertEquals(2, written.size(), "shutdown wrote the pending summary");
    assertEquals(CREATE_TOKEN, written.getLast().target());
    assertEquals(true, written.getLast().change().startsWith("suppressed=199 "));
  }
}
