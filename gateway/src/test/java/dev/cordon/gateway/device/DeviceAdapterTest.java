package dev.cordon.gateway.device;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.table.Applied;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.PeerOp;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceAdapterTest {
  final RecordingDevice device = new RecordingDevice();
  final DeviceAdapter adapter = new DeviceAdapter(device);
  final GatewayTableState state = new GatewayTableState("edge");
  final String cam1 = new PeerKey(key(1)).toString();

  void apply(Applied applied) {
    for (PeerOp op : applied.ops()) op.applyTo(adapter);
  }

  @Test
  void anAddedPeerIsSetOnTheDeviceWithItsOverlayHostRouteAndFoundByItsBase64Name()
      throws Exception {
    apply(
        state.applySnapshot(
            snapshot(1, List.of(active(1, "cam-1", "100.64.0.1")), List.of()).getSnapshot()));
    assertEquals(List.of("set " + cam1 + " [100.64.0.1/32]"), device.calls);
    assertSame(state.slot(new PeerKey(key(1))), adapter.slot(cam1));
    assertSame(adapter.slot(cam1), adapter.slot(new PeerKey(key(1))));
  }

  @Test
  void aRemoveOpDestroysThePeerOnTheDeviceAndForgetsItsSlotFirst() throws Exception {
    apply(
        state.applySnapshot(
            snapshot(1, List.of(active(1, "cam-1", "100.64.0.1")), List.of()).getSnapshot()));
    device.calls.clear();
    new PeerOp.Remove(new PeerKey(key(1))).applyTo(adapter);
    assertEquals(List.of("remove " + cam1), device.calls);
    assertNull(adapter.slot(cam1));
    assertTrue(adapter.slots().isEmpty());
  }

  @Test
  void revokingADeviceInADeltaRemovesItFromTheDevice() throws Exception {
    apply(
        state.applySnapshot(
            snapshot(1, List.of(active(1, "cam-1", "100.64.0.1")), List.of()).getSnapshot()));
    device.calls.clear();
    apply(
        state.applyDelta(
            delta(1, 2)
                .addChangedPeers(peer(1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED))
                .build()));
    assertEquals(List.of("remove " + cam1), device.calls);
    assertNull(adapter.slot(cam1));
  }

  @Test
  void anUpdateChangesAllowedIpsInPlaceAndKeepsTheSlot() throws Exception {
    apply(
        state.applySnapshot(
            snapshot(1, List.of(active(1, "cam-1", "100.64.0.1")), List.of()).getSnapshot()));
    var slot = adapter.slot(cam1);
    device.calls.clear();
    adapter.updateAllowedIps(
        slot, List.of(IpPrefix.parse("100.64.0.1/32"), IpPrefix.parse("10.9.0.0/24")));
    assertEquals(List.of("set " + cam1 + " [100.64.0.1/32, 10.9.0.0/24]"), device.calls);
    assertSame(slot, adapter.slot(cam1));
  }
}
