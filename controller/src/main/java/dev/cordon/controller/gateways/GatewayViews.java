package dev.cordon.controller.gateways;

import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.registry.Registry;
import java.util.List;
import java.util.function.Function;

/** Answers "what state is each gateway in" for the Admin API. Read-only; safe to retry. */
public final class GatewayViews {
  private final Registry registry;
  private final Presence presence;
  private final Function<String, TableProgress> tables;

  /** {@code tables} gives a gateway's table progress by name ({@link TableProgress#UNKNOWN}). */
  public GatewayViews(
      Registry registry, Presence presence, Function<String, TableProgress> tables) {
    this.registry = registry;
    this.presence = presence;
    this.tables = tables;
  }

  /** Every registered gateway, ordered by name. */
  public List<GatewayView> list() {
    return registry.gateways().stream().map(this::view).toList();
  }

  /**
   * One gateway.
   *
   * @throws dev.cordon.controller.registry.NotFoundException if no gateway has that name
   */
  public GatewayView get(String name) {
    return view(registry.gateway(name));
  }

  private GatewayView view(GatewayRecord g) {
    return new GatewayView(g, presence.connected(g.name()), tables.apply(g.name()));
  }
}
