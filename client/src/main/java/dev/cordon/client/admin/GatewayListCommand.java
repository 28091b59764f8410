package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.cli.Table;
import dev.cordon.proto.v1.Gateway;
import dev.cordon.proto.v1.ListGatewaysRequest;
import dev.cordon.proto.v1.ListGatewaysResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cordon gateway list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List gateways with the table version each enforces; APPLIED < TARGET means lag.",
    footer = {"%nExamples:", "  cordon gateway list", "  cordon gateway list --json"})
public final class GatewayListCommand extends AdminVerb {

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    List<Gateway> gateways =
        session.call(
            "list gateways",
            stub ->
                Pages.all(
                    page ->
                        stub.listGateways(ListGatewaysRequest.newBuilder().setPage(page).build()),
                    ListGatewaysResponse::getGatewaysList,
                    r -> r.getPage().getNextPageToken()));
    if (output.json()) {
      out().println(Json.of(ListGatewaysResponse.newBuilder().addAllGateways(gateways).build()));
      return ExitCodes.OK;
    }
    Table table =
        new Table("NAME", "CONNECTED", "ADDRESS", "ENDPOINTS", "PEERS", "APPLIED", "TARGET");
    for (Gateway gateway : gateways) {
      table.row(
          gateway.getIdentity().getName(),
          gateway.getConnected() ? "yes" : "no",
          Formats.address(gateway.getOverlayAddress()),
          String.join(",", gateway.getEndpointsList().stream().map(Formats::endpoint).toList()),
          String.valueOf(gateway.getPeerCount()),
          String.valueOf(gateway.getAppliedVersion()),
          String.valueOf(gateway.getTargetVersion()));
    }
    table.print(out());
    return ExitCodes.OK;
  }
}
