package dev.cordon.tunnel.session;

import dev.cordon.tunnel.protocol.Constants;

/**
 * Tunables of an {@link Engine}.
 *
 * @param mtu the tunnel MTU: transport plaintext is padded up to a multiple of 16, never past it
 * @param underLoadThreshold pending handshake messages that turn on under-load (cookie) mode
 */
public record EngineOptions(int mtu, int underLoadThreshold) {
  public static final int DEFAULT_MTU = 1420;
  public static final EngineOptions DEFAULT =
      new EngineOptions(DEFAULT_MTU, Constants.UNDER_LOAD_QUEUE_LENGTH);

  public EngineOptions {
    if (mtu < 68 || mtu > 65535) {
      throw new IllegalArgumentException("mtu outside 68..65535: " + mtu);
    }
    if (underLoadThreshold < 1) {
      throw new IllegalArgumentException("underLoadThreshold must be positive");
    }
  }
}
