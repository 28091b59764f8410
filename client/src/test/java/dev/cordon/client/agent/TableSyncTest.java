package dev.cordon.client.agent;

import static dev.cordon.client.agent.Tables.delta;
import static dev.cordon.client.agent.Tables.gateway;
import static dev.cordon.client.agent.Tables.keyText;
import static dev.cordon.client.agent.Tables.snapshot;
import static dev.cordon.client.agent.Tables.table;
import static dev.cordon.client.agent.Tables.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.cordon.proto.v1.DeviceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSyncTest {

  @Test
  void aSnapshotConfiguresEveryPeerAndRoutesOnlyWhatEachMayCarry() {
    TableSync sync = new TableSync();
    var applied =
        assertInstanceOf(
            TableSync.Applied.class,
            sync.accept(
                snapshot(
                    table(
                        3,
                        gateway(1, "gw-1", "10.10.1.20/32", "10.10.2.0/24"),
                        gateway(2, "gw-2", "100.64.0.0/10")))));
    assertEquals(List.of(), applied.changes().removedPeers());
    assertEquals(2, applied.changes().setPeers().size());
    assertEquals(
        List.of("10.10.1.20/32", "10.10.2.0/24", "100.64.0.0/10"), applied.changes().addedRoutes());
    PeerPlan gw1 = applied.plan().peers().get(keyText(1));
    assertEquals("192.0.2.1:51820", gw1.endpoint());
    assertEquals(List.of("10.10.1.20/32", "10.10.2.0/24"), gw1.allowedPrefixes());
    assertEquals(3, sync.knownVersion());
  }

  @Test
  void aDeltaFromAnotherVersionChangesNothingAndAsksForAResyncFromTheVersionHeld() {
    TableSync sync = new TableSync();
    sync.accept(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))));
    TablePlan before = sync.plan();

    var resync =
        assertInstanceOf(
            TableSync.Resync.class,
            sync.accept(
                update(delta(4, 5).addRemovedPeerKeys(ByteString.copyFrom(Tables.key(1))))));

    assertEquals(3, resync.knownVersion());
    assertEquals("a delta from version 4 while holding version 3", resync.reason());
    assertEquals(before, sync.plan());
    assertEquals(3, sync.knownVersion());
  }

  @Test
  void aDeltaBeforeAnySnapshotAsksForAResyncFromNothing() {
    var resync =
        assertInstanceOf(TableSync.Resync.class, new TableSync().accept(update(delta(0, 1))));
    assertEquals(0, resync.knownVersion());
    assertEquals("a delta from version 0 while holding no table", resync.reason());
  }

  @Test
  void aRemovedPeerIsRemovedAndTheRoutesOnlyItCarriedGo() {
    TableSync sync = new TableSync();
    sync.accept(
        snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"), gateway(2, "gw-2", "10.20.0.0/16"))));

    var applied =
        assertInstanceOf(
            TableSync.Applied.class,
            sync.accept(
                update(delta(3, 4).addRemovedPeerKeys(ByteString.copyFrom(Tables.key(2))))));

    assertEquals(List.of(keyText(2)), applied.changes().removedPeers());
    assertEquals(List.of("10.20.0.0/16"), applied.changes().removedRoutes());
    assertEquals(List.of(), applied.changes().setPeers());
    assertEquals(List.of(), applied.changes().addedRoutes());
  }

  @Test
  void narrowedPrefixesRemoveTheRoutesNoLongerAuthorizedAndReconfigureThePeer() {
    TableSync sync = new TableSync();
    sync.accept(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24", "10.10.2.0/24"))));

    var applied =
        assertInstanceOf(
            TableSync.Applied.class,
            sync.accept(update(delta(3, 4).addChangedPeers(gateway(1, "gw-1", "10.10.1.0/24")))));

    assertEquals(List.of("10.10.2.0/24"), applied.changes().removedRoutes());
    assertEquals(1, applied.changes().setPeers().size());
    assertEquals(
        List.of("10.10.1.0/24"), applied.changes().setPeers().getFirst().allowedPrefixes());
    assertEquals(List.of(), applied.changes().removedPeers());
    assertEquals(List.of(), applied.changes().addedRoutes());
  }

  @Test
  void anUnchangedPeerIsNotTouched() {
    TableSync sync = new TableSync();
    sync.accept(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))));
    var applied =
        assertInstanceOf(
            TableSync.Applied.class,
            sync.accept(update(delta(3, 4).addChangedPeers(gateway(1, "gw-1", "10.10.1.0/24")))));
    assertTrue(applied.changes().isEmpty());
  }

  @Test
  void aRevokedDeviceKeepsNoPeerAndNoRoute() {
    TableSync sync = new TableSync();
    sync.accept(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))));

    var applied =
        assertInstanceOf(
            TableSync.Applied.class,
            sync.accept(update(delta(3, 4).setStatus(DeviceStatus.DEVICE_STATUS_REVOKED))));

    assertEquals(List.of(keyText(1)), applied.changes().removedPeers());
    assertEquals(List.of("10.10.1.0/24"), applied.changes().removedRoutes());
    assertEquals(TablePlan.EMPTY.peers(), applied.plan().peers());
  }

  @Test
  void hostBitsInAPrefixAreClearedAndAnUnreadablePrefixIsReportedNotRouted() {
    var bad =
        gateway(1, "gw-1", "10.10.1.0/24").toBuilder()
            .addAllowedPrefixes(
                dev.cordon.proto.v1.IpPrefix.newBuilder()
                    .setOctets(ByteString.copyFrom(new byte[] {10, 0, 0}))
                    .setLength(8))
            .addAllowedPrefixes(
                dev.cordon.proto.v1.IpPrefix.newBuilder()
                    .setOctets(ByteString.copyFrom(new byte[] {10, 30, 0, 9}))
                    .setLength(16))
            .build();
    TablePlan plan = TablePlan.of(table(1, bad));
    assertEquals(List.of("10.10.1.0/24", "10.30.0.0/16"), List.copyOf(plan.routes()));
    assertEquals(1, plan.rejected().size());
  }
}
