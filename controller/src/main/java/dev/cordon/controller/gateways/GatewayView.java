package dev.cordon.controller.gateways;

import dev.cordon.controller.registry.GatewayRecord;
import java.util.Objects;

/** A gateway as an admin sees it: its registry record joined with its table progress. */
public record GatewayView(GatewayRecord record, boolean connected, TableProgress tables) {

  public GatewayView {
    Objects.requireNonNull(record);
    Objects.requireNonNull(tables);
  }
}
