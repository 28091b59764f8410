package dev.cordon.gateway.device;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.tunnel.PacketPolicy;
import dev.cordon.tunnel.Verdict;
import java.util.function.LongSupplier;

/**
 * The device's per-packet policy, answered by the {@link Enforcer}. Inbound (decrypted from a peer)
 * is the enforcer's outside path; outbound (read off the TUN, headed for a peer) its inside path. A
 * packet allowed inbound whose destination belongs to another table peer is relayed by the device
 * straight to that peer ({@link Verdict#RELAY}): it was decided once, as the sender's, so it is
 * never judged again as an inside packet, and the destination's answer comes back inbound as the
 * tracked flow's reply.
 */
public final class EnforcingPolicy implements PacketPolicy {
  private static final ThreadLocal<IpHeaders> HEADERS = ThreadLocal.withInitial(IpHeaders::new);

  private final Enforcer enforcer;
  private final DeviceAdapter peers;
  private final LongSupplier wallMillis;

  public EnforcingPolicy(Enforcer enforcer, DeviceAdapter peers, LongSupplier wallMillis) {
    this.enforcer = enforcer;
    this.peers = peers;
    this.wallMillis = wallMillis;
  }

  @Override
  public Verdict inbound(String peer, byte[] packet, int offset, int length) {
    PeerSlot from = peers.slot(peer);
    if (from == null) {
      enforcer.drops().count(DropReason.UNKNOWN_PEER);
      return DropVerdicts.of(DropReason.UNKNOWN_PEER);
    }
    IpHeaders h = HEADERS.get();
    DropReason r = enforcer.outside(from, packet, offset, length, h, wallMillis.getAsLong());
    if (r != null) return DropVerdicts.of(r);
    GatewayPeer to = enforcer.policy().owner(h.dstHi(), h.dstLo());
    if (to == null) return Verdict.ALLOW;
    PeerSlot toSlot = peers.slot(to.key());
    if (toSlot != null) enforcer.sentTo(toSlot, length);
    return Verdict.RELAY;
  }

  @Override
  public Verdict outbound(String peer, byte[] packet, int offset, int length) {
    DropReason r = enforcer.inside(packet, offset, length, HEADERS.get(), wallMillis.getAsLong());
    if (r != null) return DropVerdicts.of(r);
    PeerSlot to = peers.slot(peer);
    if (to != null) enforcer.sentTo(to, length);
    return Verdict.ALLOW;
  }
}
