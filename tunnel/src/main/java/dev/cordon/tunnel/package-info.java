/**
 * The data plane shared by gateways and agents: the WireGuard protocol (pure, in sub-packages with
 * no Netty or gRPC imports), TUN access through java.lang.foreign, and UDP through Netty epoll.
 */
package dev.cordon.tunnel;
