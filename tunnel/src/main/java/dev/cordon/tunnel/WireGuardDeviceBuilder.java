package dev.cordon.tunnel;

import dev.cordon.tunnel.protocol.Constants;
import java.io.IOException;

/** Options of a {@link WireGuardDevice}; {@link #open()} makes one. */
public final class WireGuardDeviceBuilder {
  String interfaceName = "cordon0";
  int mtu = 1420;
  int listenPort;
  byte[] privateKey;
  PacketPolicy policy = PacketPolicy.ALLOW_ALL;
  DeviceListener listener = DeviceListener.NONE;
  int workers = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
  int underLoadThreshold = Constants.UNDER_LOAD_QUEUE_LENGTH;
  boolean offloads = true;

  WireGuardDeviceBuilder() {}

  public WireGuardDeviceBuilder interfaceName(String value) {
    interfaceName = value;
    return this;
  }

  /** The tunnel MTU; 1420 by default (fits a 1500-byte path over IPv6). */
  public WireGuardDeviceBuilder mtu(int value) {
    mtu = value;
    return this;
  }

  /** The UDP port; 0 (the default) lets the kernel choose. */
  public WireGuardDeviceBuilder listenPort(int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException("listen port outside 0..65535: " + value);
    }
    listenPort = value;
    return this;
  }

  /** Our X25519 private key, 32 bytes (copied, clamped). Required. */
  public WireGuardDeviceBuilder privateKey(byte[] value) {
    if (value == null || value.length != 32) {
      throw new IllegalArgumentException("a private key is 32 bytes");
    }
    privateKey = value.clone();
    return this;
  }

  public WireGuardDeviceBuilder policy(PacketPolicy value) {
    policy = value;
    return this;
  }

  public WireGuardDeviceBuilder listener(DeviceListener value) {
    listener = value;
    return this;
  }

  /** Worker threads that encrypt and decrypt batches; by default one per core, at most 4. */
  public WireGuardDeviceBuilder workers(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("workers must be positive");
    }
    workers = value;
    return this;
  }

  /** Handshake messages waiting at which under-load (cookie) mode starts; 128 by default. */
  public WireGuardDeviceBuilder underLoadThreshold(int value) {
    underLoadThreshold = value;
    return this;
  }

  /**
   * Whether to offer the kernel checksum and TCP segmentation offload on the TUN (on by default):
   * the kernel then hands over TCP super-packets, which the device cuts into MTU-sized segments,
   * saving a pass through the kernel's stack per segment. A kernel without them is used without.
   */
  public WireGuardDeviceBuilder offloads(boolean value) {
    offloads = value;
    return this;
  }

  /**
   * Creates the TUN interface (needs CAP_NET_ADMIN), binds UDP, brings the interface up and starts
   * the threads. Addresses and routes are the caller's (for example with {@code ip}).
   */
  public WireGuardDevice open() throws IOException {
    if (privateKey == null) {
      throw new IllegalStateException("a device needs a private key");
    }
    return WireGuardDevice.open(this);
  }
}
