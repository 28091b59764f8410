/**
 * The data plane shared by gateways and agents. Its public face is {@link
 * dev.cordon.tunnel.WireGuardDevice} (open with a builder; set and remove peers as {@link
 * dev.cordon.tunnel.PeerConfig}s; decide per packet with a {@link dev.cordon.tunnel.PacketPolicy};
 * read {@link dev.cordon.tunnel.PeerStatus} counters and drops per {@link
 * dev.cordon.tunnel.DropReason}). Underneath: the WireGuard protocol and session layer (pure, in
 * sub-packages with no Netty or gRPC imports), TUN access through java.lang.foreign, and UDP
 * through Netty epoll.
 */
package dev.cordon.tunnel;
