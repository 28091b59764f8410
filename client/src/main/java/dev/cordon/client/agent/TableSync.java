package dev.cordon.client.agent;

import dev.cordon.client.device.DeviceTables;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.DeviceTableUpdate;
import java.util.Optional;

/**
 * The device's side of the table stream: the table it holds, the plan derived from it, and what
 * each update changes. An update that does not fit (a delta from another version, an empty update)
 * changes nothing and asks for a resync from the version held.
 */
public final class TableSync {

  /** What one update did. */
  public sealed interface Outcome {}

  /** The update applied: the new table and the steps to bring the interface to it. */
  public record Applied(DeviceTable table, PlanChanges changes, TablePlan plan)
      implements Outcome {}

  /** The update did not fit; nothing changed; reconnect asking from {@code knownVersion}. */
  public record Resync(String reason, long knownVersion) implements Outcome {}

  private DeviceTable table;
  private TablePlan plan = TablePlan.EMPTY;

  /** Applies one update from the stream. */
  public Outcome accept(DeviceTableUpdate update) {
    Optional<DeviceTable> next = DeviceTables.apply(table, update);
    if (next.isEmpty()) {
      return new Resync(misfit(update), knownVersion());
    }
    TablePlan nextPlan = TablePlan.of(next.get());
    PlanChanges changes = plan.changesTo(nextPlan);
    table = next.get();
    plan = nextPlan;
    return new Applied(table, changes, plan);
  }

  /** The version held, 0 before the first table. */
  public long knownVersion() {
    return table == null ? 0 : table.getVersion();
  }

  /** The table held, or null before the first. */
  public DeviceTable table() {
    return table;
  }

  public TablePlan plan() {
    return plan;
  }

  private String misfit(DeviceTableUpdate update) {
    if (!update.hasDelta()) {
      return "an update with neither a snapshot nor a delta";
    }
    return "a delta from version "
        + update.getDelta().getFromVersion()
        + " while holding "
        + (table == null ? "no table" : "version " + table.getVersion());
  }
}
