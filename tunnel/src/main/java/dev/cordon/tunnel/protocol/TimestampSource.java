package dev.cordon.tunnel.protocol;

/**
 * Writes the 12-byte TAI64N timestamp an initiation carries. The handshake treats it as opaque; the
 * tai64n package produces it and the peer's replay/flood checks compare it.
 */
@FunctionalInterface
public interface TimestampSource {
  void write(byte[] out, int off);
}
