package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.Gateway;
import dev.cordon.proto.v1.GetGatewayRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cordon gateway show NAME}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one gateway: endpoints, protected networks, versions, certificate.",
    footer = {"%nExamples:", "  cordon gateway show gw-hq", "  cordon gateway show gw-hq --json"})
public final class GatewayShowCommand extends AdminVerb {

  @Parameters(paramLabel = "GATEWAY", description = "The gateway's name.")
  String name;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    Gateway gateway =
        session.call(
            "show gateways",
            stub -> stub.getGateway(GetGatewayRequest.newBuilder().setName(name).build()));
    if (output.json()) {
      out().println(Json.of(gateway));
      return ExitCodes.OK;
    }
    new Details()
        .add("Gateway", gateway.getIdentity().getName())
        .add("Identity", gateway.getIdentity().getSpiffeId())
        .add("Connected", gateway.getConnected() ? "yes" : "no")
        .add("Address", Formats.address(gateway.getOverlayAddress()))
        .add(
            "Endpoints",
            String.join(", ", gateway.getEndpointsList().stream().map(Formats::endpoint).toList()))
        .add(
            "Protects",
            String.join(
                ", ", gateway.getProtectedPrefixesList().stream().map(Formats::prefix).toList()))
        .add("WireGuard key", Formats.key(gateway.getWireguardPublicKey().toByteArray()))
        .add("Version", gateway.getSoftwareVersion())
        .add("Peers", String.valueOf(gateway.getPeerCount()))
        .add(
            "Table",
            "applied "
                + gateway.getAppliedVersion()
                + " of "
                + gateway.getTargetVersion()
                + (gateway.getAppliedAt().getSeconds() == 0
                    ? ""
                    : " at " + Formats.time(gateway.getAppliedAt())))
        .add("Certificate expires", Formats.time(gateway.getCertificate().getNotAfter()))
        .add("Last seen", Formats.time(gateway.getLastSeen()))
        .print(out());
    return ExitCodes.OK;
  }
}
