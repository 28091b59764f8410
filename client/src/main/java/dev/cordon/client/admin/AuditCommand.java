package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.cli.Table;
import dev.cordon.proto.v1.AuditAction;
import dev.cordon.proto.v1.AuditEvent;
import dev.cordon.proto.v1.QueryAuditRequest;
import dev.cordon.proto.v1.QueryAuditResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon audit}: who changed what, oldest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read the audit log, oldest first; filters combine.",
    footer = {
      "%nExamples:",
      "  cordon audit --since 24h",
      "  cordon audit --action device-revoke --target device/d-7f3a",
      "  cordon audit --since 2025-06-01T00:00:00Z --json"
    })
public final class AuditCommand extends AdminVerb implements ClientContext.Holder {

  private final ClientContext context;

  @Mixin TimeWindow window;

  @Option(
      names = "--principal",
      paramLabel = "SPIFFE-ID",
      description = "Only entries by this principal.")
  String principal = "";

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      converter = Words.Action.class,
      description = "Only entries of this action, e.g. policy-apply, device-revoke, api-denied.")
  AuditAction action;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Only entries about this target, e.g. device/d-7f3a.")
  String target = "";

  @Mixin JsonOption output;

  public AuditCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  int run(AdminSession session) {
    QueryAuditRequest.Builder query =
        QueryAuditRequest.newBuilder().setPrincipal(principal).setTarget(target);
    window.since(context.clock()).ifPresent(query::setSince);
    window.until(context.clock()).ifPresent(query::setUntil);
    if (action != null) {
      query.setAction(action);
    }
    List<AuditEvent> events =
        session.call(
            "read the audit log",
            stub ->
                Pages.all(
                    page -> stub.queryAudit(query.setPage(page).build()),
                    QueryAuditResponse::getEventsList,
                    r -> r.getPage().getNextPageToken()));
    if (output.json()) {
      out().println(Json.of(QueryAuditResponse.newBuilder().addAllEvents(events).build()));
      return ExitCodes.OK;
    }
    Table table = new Table("TIME", "PRINCIPAL", "ACTION", "TARGET", "OUTCOME", "REASON");
    for (AuditEvent event : events) {
      table.row(
          Formats.time(event.getTime()),
          event.getPrincipal().getSpiffeId(),
          Formats.enumWord(event.getAction(), "AUDIT_ACTION_"),
          event.getTarget(),
          Formats.enumWord(event.getOutcome(), "AUDIT_OUTCOME_"),
          event.getReason());
    }
    table.print(out());
    return ExitCodes.OK;
  }
}
