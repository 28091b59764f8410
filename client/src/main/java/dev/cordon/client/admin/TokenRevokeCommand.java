package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.RevokeTokenRequest;
import dev.cordon.proto.v1.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cordon token revoke ID}: the token can no longer be redeemed. Revoking twice is not an
 * error (the controller's call is idempotent), so a script may retry it.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke an enrollment token so it can no longer be redeemed. Devices already enrolled"
            + " with it stay enrolled; revoke them with 'cordon device revoke'.",
    footer = {
      "%nExamples:",
      "  cordon token revoke t-9f2c",
      "  cordon token revoke t-9f2c --reason 'sent to the wrong person' --json",
      "%nExit codes: 0 revoked (or already revoked), 6 no such token, 5 your role cannot"
          + " revoke tokens, 3 controller unreachable, 4 credential refused."
    })
public final class TokenRevokeCommand extends AdminVerb {

  @Parameters(
      paramLabel = "TOKEN-ID",
      description = "The token's id, as 'cordon token list' shows.")
  String tokenId;

  @Option(
      names = {"-r", "--reason"},
      paramLabel = "TEXT",
      description = "Why, for the audit log.")
  String reason = "";

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    RevokeTokenRequest request =
        RevokeTokenRequest.newBuilder().setTokenId(tokenId).setReason(reason).build();
    TokenInfo token = session.call("revoke tokens", stub -> stub.revokeToken(request));
    if (output.json()) {
      out().println(Json.of(token));
      return ExitCodes.OK;
    }
    out().println(line(token));
    return ExitCodes.OK;
  }

  /** What a person reads: which token, and what became of the devices it enrolled. */
  static String line(TokenInfo token) {
    String name = token.getSpec().getName();
    String head =
        "Token "
            + token.getTokenId()
            + (name.isEmpty() ? "" : " (" + name + ")")
            + " is revoked; it can no longer be redeemed.";
    if (token.getEnrolledCount() == 0) {
      return head;
    }
    return head
        + " Enrolled with it and not affected: "
        + String.join(", ", token.getEnrolledList())
        + ".";
  }
}
