package dev.cordon.client.admin;

import com.google.protobuf.util.Durations;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.CreateTokenResponse;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.TokenSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon token create}: a token string, shown once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an enrollment token and print it. The token string is shown only this once;"
          + " hand it to the device, which redeems it with 'cordon enroll --token'."
    },
    footer = {
      "%nExamples:",
      "  cordon token create --name cam-1 --type camera --label site=hq --segment cameras",
      "  cordon token create --kind gateway --name gw-hq --expires-in 1h",
      "  TOKEN=$(cordon token create --type sensor --uses 50 --approval -q)"
    })
public final class TokenCreateCommand extends AdminVerb {

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "device",
      converter = Words.Kind.class,
      description = "What the token enrolls: device or gateway (default: ${DEFAULT-VALUE}).")
  PrincipalKind kind;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of the device (display) or gateway (unique); default: derived.")
  String name = "";

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Device type policy can select on, e.g. camera.")
  String deviceType = "";

  @Option(
      names = "--label",
      paramLabel = "KEY=VALUE",
      description = "A label for the device; repeat for more.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--segment",
      paramLabel = "SEGMENT",
      description = "A segment the device joins explicitly; repeat for more.")
  List<String> segments = List.of();

  @Option(
      names = "--expires-in",
      paramLabel = "DURATION",
      converter = dev.cordon.client.cli.Durations.class,
      description = "How long the token stays redeemable (default: the controller's, 24h).")
  Duration expiresIn;

  @Option(
      names = "--uses",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many enrollments it allows (default: ${DEFAULT-VALUE}).")
  int uses;

  @Option(
      names = "--approval",
      negatable = true,
      description = "Devices wait for 'cordon device approve' before they join (default: off).")
  boolean approval;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the token string.")
  boolean quiet;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    if (uses < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--uses must be at least 1");
    }
    TokenSpec.Builder tokenSpec =
        TokenSpec.newBuilder()
            .setKind(kind)
            .setName(name)
            .setDeviceType(deviceType)
            .putAllLabels(labels)
            .addAllSegments(segments)
            .setMaxUses(uses)
            .setApprovalRequired(approval);
    if (expiresIn != null) {
      tokenSpec.setValidFor(Durations.fromMillis(expiresIn.toMillis()));
    }
    CreateTokenResponse created =
        session.call(
            "create tokens",
            stub -> stub.createToken(CreateTokenRequest.newBuilder().setSpec(tokenSpec).build()));
    if (output.json()) {
      out().println(Json.of(created));
    } else if (quiet) {
      out().println(created.getToken());
    } else {
      print(created);
    }
    return ExitCodes.OK;
  }

  private void print(CreateTokenResponse created) {
    var info = created.getInfo();
    var s = info.getSpec();
    String who = Formats.enumWord(s.getKind(), "PRINCIPAL_KIND_");
    out()
        .println(
            "Created token "
                + info.getTokenId()
                + " for a "
                + who
                + (s.getName().isEmpty() ? "" : " named " + s.getName())
                + (s.getDeviceType().isEmpty() ? "" : " of type " + s.getDeviceType())
                + ": "
                + Math.max(1, s.getMaxUses())
                + (Math.max(1, s.getMaxUses()) == 1 ? " use" : " uses")
                + (s.getApprovalRequired() ? ", approval required" : "")
                + ", expires "
                + Formats.time(info.getExpiresAt())
                + ".");
    out().println("It is shown only now. On the " + who + ", run: cordon enroll --token TOKEN");
    out().println(created.getToken());
  }
}
