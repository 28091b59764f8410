package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.cli.Table;
import dev.cordon.proto.v1.ListPolicyVersionsRequest;
import dev.cordon.proto.v1.ListPolicyVersionsResponse;
import dev.cordon.proto.v1.PolicyVersion;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cordon policy history}. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List applied policy versions, newest first.",
    footer = {"%nExamples:", "  cordon policy history", "  cordon policy history --json"})
public final class PolicyHistoryCommand extends AdminVerb {

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    List<PolicyVersion> versions =
        session.call(
            "read policy history",
            stub ->
                Pages.all(
                    page ->
                        stub.listPolicyVersions(
                            ListPolicyVersionsRequest.newBuilder().setPage(page).build()),
                    ListPolicyVersionsResponse::getVersionsList,
                    r -> r.getPage().getNextPageToken()));
    if (output.json()) {
      out()
          .println(
              Json.of(ListPolicyVersionsResponse.newBuilder().addAllVersions(versions).build()));
      return ExitCodes.OK;
    }
    Table table = new Table("VERSION", "APPLIED", "BY", "SHA256", "COMMENT");
    for (PolicyVersion v : versions) {
      table.row(
          String.valueOf(v.getVersion()),
          Formats.time(v.getAppliedAt()),
          v.getAppliedBy(),
          Formats.shortHex(v.getSha256().toByteArray()),
          v.getComment());
    }
    table.print(out());
    return ExitCodes.OK;
  }
}
