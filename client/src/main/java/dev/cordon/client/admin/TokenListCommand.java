package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.cli.Table;
import dev.cordon.proto.v1.ListTokensRequest;
import dev.cordon.proto.v1.ListTokensResponse;
import dev.cordon.proto.v1.TokenInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon token list}: tokens, never their strings. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List enrollment tokens (never their secret strings), newest first.",
    footer = {"%nExamples:", "  cordon token list", "  cordon token list --all --json"})
public final class TokenListCommand extends AdminVerb {

  @Option(names = "--all", description = "Include used, expired and revoked tokens.")
  boolean all;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    List<TokenInfo> tokens =
        session.call(
            "list tokens",
            stub ->
                Pages.all(
                    page ->
                        stub.listTokens(
                            ListTokensRequest.newBuilder()
                                .setPage(page)
                                .setIncludeInactive(all)
                                .build()),
                    ListTokensResponse::getTokensList,
                    r -> r.getPage().getNextPageToken()));
    if (output.json()) {
      out().println(Json.of(ListTokensResponse.newBuilder().addAllTokens(tokens).build()));
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "KIND", "NAME", "TYPE", "STATE", "USES", "EXPIRES");
    for (TokenInfo token : tokens) {
      var s = token.getSpec();
      table.row(
          token.getTokenId(),
          Formats.enumWord(s.getKind(), "PRINCIPAL_KIND_"),
          s.getName(),
          s.getDeviceType(),
          Formats.enumWord(token.getState(), "TOKEN_STATE_"),
          token.getUses() + "/" + Math.max(1, s.getMaxUses()),
          Formats.time(token.getExpiresAt()));
    }
    table.print(out());
    return ExitCodes.OK;
  }
}
