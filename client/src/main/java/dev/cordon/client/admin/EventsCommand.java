package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.cli.Table;
import dev.cordon.proto.v1.PageRequest;
import dev.cordon.proto.v1.QueryEventsRequest;
import dev.cordon.proto.v1.QueryEventsResponse;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.Severity;
import java.util.ArrayDeque;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code cordon events}: flow records and security events the gateways reported. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Read flow records and security events reported by gateways; filters combine.",
      "Shows the newest matching entries (--limit), oldest first. A flow's KIND is 'flow'; its"
          + " verdict, rule and reason are in DESCRIPTION and, with --json, in its attributes."
    },
    footer = {
      "%nExamples:",
      "  cordon events --since 1h",
      "  cordon events --device d-7f3a --kind flow",
      "  cordon events --min-severity medium --limit 20",
      "  cordon events --kind source-spoofing --gateway hq --json",
      "%nExit codes: 0 read (even if nothing matched), 2 bad option, 3 controller unreachable,"
          + " 4 credential refused, 5 role may not read events."
    })
public final class EventsCommand extends AdminVerb implements ClientContext.Holder {

  /** Pages of at most this many: 500 events of at most 4 KiB stay under gRPC's 4 MiB default. */
  private static final int PAGE_SIZE = 500;

  private static final int MAX_PAGES = 1000;

  private final ClientContext context;

  @Mixin TimeWindow window;

  @Option(
      names = "--device",
      paramLabel = "ID",
      description = "Only entries about this device (a flow is about both of its ends).")
  String device = "";

  @Option(
      names = "--gateway",
      paramLabel = "NAME",
      description = "Only entries this gateway reported.")
  String gateway = "";

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      converter = EventText.Kind.class,
      description = "Only entries of this kind: flow, source-spoofing, unauthorized-handshake, ...")
  EventText.KindFilter kind;

  @Option(
      names = "--min-severity",
      paramLabel = "LEVEL",
      converter = EventText.Level.class,
      description = "Only entries at or above LEVEL: low, medium, high (allowed flows have none).")
  Severity minSeverity;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "Show at most the newest N matching entries (default: ${DEFAULT-VALUE}).")
  int limit;

  @Mixin JsonOption output;

  public EventsCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  int run(AdminSession session) {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
    }
    QueryEventsRequest.Builder query = QueryEventsRequest.newBuilder().setDeviceId(device);
    window.since(context.clock()).ifPresent(query::setSince);
    window.until(context.clock()).ifPresent(query::setUntil);
    if (kind != null && kind.kind().isPresent()) {
      query.setKind(kind.kind().get());
    }
    if (minSeverity != null) {
      query.setMinSeverity(minSeverity);
    }
    List<SecurityEvent> events =
        session.call(
            "read events", stub -> newest(page -> stub.queryEvents(query.setPage(page).build())));
    if (output.json()) {
      out().println(Json.of(QueryEventsResponse.newBuilder().addAllEvents(events).build()));
      return ExitCodes.OK;
    }
    Table table = new Table("TIME", "KIND", "SEVERITY", "DEVICE", "GATEWAY", "DESCRIPTION");
    for (SecurityEvent event : events) {
      table.row(
          Formats.time(event.getTime()),
          EventText.kind(event),
          EventText.severity(event),
          EventText.device(event),
          EventText.reporter(event),
          EventText.printable(event.getDescription()));
    }
    table.print(out());
    return ExitCodes.OK;
  }

  /**
   * Walks every page, keeping the newest {@code limit} entries that also pass the filters the API
   * has no field for (gateway, flows only): memory stays at one page plus the limit.
   */
  private List<SecurityEvent> newest(
      java.util.function.Function<PageRequest, QueryEventsResponse> fetch) {
    ArrayDeque<SecurityEvent> kept = new ArrayDeque<>();
    String token = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      QueryEventsResponse response =
          fetch.apply(PageRequest.newBuilder().setPageSize(PAGE_SIZE).setPageToken(token).build());
      for (SecurityEvent event : response.getEventsList()) {
        if (wanted(event)) {
          kept.addLast(event);
          if (kept.size() > limit) {
            kept.removeFirst();
          }
        }
      }
      token = response.getPage().getNextPageToken();
      if (token.isEmpty()) {
        break;
      }
    }
    return List.copyOf(kept);
  }

  private boolean wanted(SecurityEvent event) {
    return (gateway.isEmpty() || event.getReporter().getName().equals(gateway))
        && (kind == null || !kind.flowsOnly() || EventText.isFlow(event));
  }
}
