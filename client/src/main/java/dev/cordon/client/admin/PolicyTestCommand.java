package dev.cordon.client.admin;

import com.google.protobuf.ByteString;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.Protocol;
import dev.cordon.proto.v1.Verdict;
import dev.cordon.proto.v1.WhatIfAnswer;
import dev.cordon.proto.v1.WhatIfQuery;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code cordon policy test}: the what-if question. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Ask whether a device may reach a service, device or address now, and by which rule."
          + " Exits 0 when allowed and 14 when denied, so scripts can assert policy."
    },
    footer = {
      "%nExamples:",
      "  cordon policy test --device d-7f3a --service nvr --proto tcp --port 443",
      "  cordon policy test --device d-7f3a --to-device d-19c2 --proto icmp",
      "  cordon policy test --device d-7f3a --address 10.20.0.5 --proto udp --port 53"
    })
public final class PolicyTestCommand extends AdminVerb {

  @Option(names = "--device", required = true, paramLabel = "DEVICE", description = "The sender.")
  String device;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Destination destination;

  static final class Destination {
    @Option(names = "--service", paramLabel = "SERVICE", description = "A service, by name.")
    String service;

    @Option(names = "--to-device", paramLabel = "DEVICE", description = "Another device.")
    String toDevice;

    @Option(names = "--address", paramLabel = "IP", description = "An overlay or protected IP.")
    String address;
  }

  @Option(
      names = "--proto",
      required = true,
      paramLabel = "PROTO",
      converter = Words.Proto.class,
      description = "tcp, udp or icmp.")
  Protocol protocol;

  @Option(names = "--port", paramLabel = "PORT", description = "Destination port (tcp, udp).")
  int port;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    boolean ported = protocol == Protocol.PROTOCOL_TCP || protocol == Protocol.PROTOCOL_UDP;
    if (ported != (port > 0) || port > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          ported
              ? "--port 1..65535 is required for tcp and udp"
              : "--port applies only to tcp and udp");
    }
    WhatIfQuery.Builder query =
        WhatIfQuery.newBuilder().setDeviceId(device).setProtocol(protocol).setPort(port);
    if (destination.service != null) {
      query.setService(destination.service);
    } else if (destination.toDevice != null) {
      query.setDestinationDeviceId(destination.toDevice);
    } else {
      query.setAddress(address(destination.address));
    }
    WhatIfAnswer answer = session.call("test policy", stub -> stub.testPolicy(query.build()));
    boolean allowed = answer.getVerdict() == Verdict.VERDICT_ALLOW;
    if (output.json()) {
      out().println(Json.of(answer));
    } else {
      out()
          .println(
              (allowed ? "ALLOW" : "DENY")
                  + (answer.getRuleId().isEmpty() ? "" : " by rule " + answer.getRuleId())
                  + (allowed
                      ? ""
                      : " (" + Formats.enumWord(answer.getReason(), "DENY_REASON_") + ")")
                  + " at policy version "
                  + answer.getPolicyVersion());
      if (!answer.getExplanation().isEmpty()) {
        out().println(answer.getExplanation());
      }
      if (!answer.getGateway().isEmpty()) {
        out().println("Enforced by gateway " + answer.getGateway() + ".");
      }
    }
    return allowed ? ExitCodes.OK : ExitCodes.POLICY_DENIED;
  }

  private IpAddress address(String text) {
    // Only literals: resolving a name here would ask DNS, which is not what was meant.
    if (!text.matches("^[0-9.]+$") && !text.contains(":")) {
      throw new ParameterException(spec.commandLine(), "--address needs an IP literal: " + text);
    }
    try {
      return IpAddress.newBuilder()
          .setOctets(ByteString.copyFrom(InetAddress.getByName(text).getAddress()))
          .build();
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), "--address is not an IP: " + text);
    }
  }
}
