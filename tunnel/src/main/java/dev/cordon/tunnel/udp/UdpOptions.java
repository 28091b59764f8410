package dev.cordon.tunnel.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How a {@link UdpTransport} binds and tunes its socket. Start from {@link #DEFAULT} or {@link
 * #builder()}.
 *
 * @param bindAddress the local address, or null for the dual-stack wildcard
 * @param port the local port; 0 asks the kernel for an ephemeral one
 * @param forceNio use the NIO transport even where epoll is available (tests, odd kernels)
 * @param socketBufferBytes requested SO_RCVBUF and SO_SNDBUF; the kernel caps them at
 *     net.core.rmem_max / wmem_max, and {@link UdpSocketInfo} reports what it granted
 * @param reusePort set SO_REUSEPORT so several sockets can share the port
 * @param udpGro ask for UDP GRO on receive where the kernel has it (epoll only)
 * @param udpGso send runs of equal-size datagrams to one peer as one GSO write where the kernel has
 *     it (epoll only)
 * @param maxDatagramSize the largest datagram received without GRO; longer ones are truncated
 * @param readSlots datagrams one recvmmsg call may return (without GRO)
 * @param maxBatch the most datagrams in one delivered batch, and the most read per read pass
 */
public record UdpOptions(
    InetAddress bindAddress,
    int port,
    boolean forceNio,
    int socketBufferBytes,
    boolean reusePort,
    boolean udpGro,
    boolean udpGso,
    int maxDatagramSize,
    int readSlots,
    int maxBatch) {

  /** Wildcard address, ephemeral port, epoll when available, 8 MiB buffers, GRO and GSO on. */
  public static final UdpOptions DEFAULT = builder().build();

  public UdpOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requirePositive("socketBufferBytes", socketBufferBytes);
    requirePositive("readSlots", readSlots);
    requirePositive("maxBatch", maxBatch);
    if (maxDatagramSize < 64 || maxDatagramSize > UdpLimits.MAX_DATAGRAM) {
      throw new IllegalArgumentException("maxDatagramSize out of range: " + maxDatagramSize);
    }
  }

  /** The address to bind, with the wildcard spelled out. */
  public InetSocketAddress socketAddress() {
    return bindAddress == null
        ? new InetSocketAddress(port)
        : new InetSocketAddress(bindAddress, port);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder whose fields start at the defaults. */
  public Builder toBuilder() {
    return new Builder()
        .bindAddress(bindAddress)
        .port(port)
        .forceNio(forceNio)
        .socketBufferBytes(socketBufferBytes)
        .reusePort(reusePort)
        .udpGro(udpGro)
        .udpGso(udpGso)
        .maxDatagramSize(maxDatagramSize)
        .readSlots(readSlots)
        .maxBatch(maxBatch);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** Builds {@link UdpOptions}; every setter returns the builder. */
  public static final class Builder {
    private InetAddress bindAddress;
    private int port;
    private boolean forceNio;
    private int socketBufferBytes = 8 << 20;
    private boolean reusePort;
    private boolean udpGro = true;
    private boolean udpGso = true;
    // Room for a 1500-byte path MTU's datagram; WireGuard's own never exceed it at MTU 1420.
    private int maxDatagramSize = 2048;
    private int readSlots = 64;
    // wireguard-go's batch size; large enough to amortise a thread hand-off.
    private int maxBatch = 128;

    private Builder() {}

    public Builder bindAddress(InetAddress value) {
      bindAddress = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder forceNio(boolean value) {
      forceNio = value;
      return this;
    }

    public Builder socketBufferBytes(int value) {
      socketBufferBytes = value;
      return this;
    }

    public Builder reusePort(boolean value) {
      reusePort = value;
      return this;
    }

    public Builder udpGro(boolean value) {
      udpGro = value;
      return this;
    }

    public Builder udpGso(boolean value) {
      udpGso = value;
      return this;
    }

    public Builder maxDatagramSize(int value) {
      maxDatagramSize = value;
      return this;
    }

    public Builder readSlots(int value) {
      readSlots = value;
      return this;
    }

    public Builder maxBatch(int value) {
      maxBatch = value;
      return this;
    }

    public UdpOptions build() {
      return new UdpOptions(
          bindAddress,
          port,
          forceNio,
          socketBufferBytes,
          reusePort,
          udpGro,
          udpGso,
          maxDatagramSize,
          readSlots,
          maxBatch);
    }
  }
}
