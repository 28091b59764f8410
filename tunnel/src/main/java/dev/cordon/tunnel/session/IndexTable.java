package dev.cordon.tunnel.session;

import dev.cordon.tunnel.crypto.Entropy;
import dev.cordon.tunnel.protocol.Keypair;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps our random 32-bit receiver indices to the peer and the handshake or keypair they name.
 * Indices are random so they reveal nothing about how many sessions exist, unique while held, and
 * never 0 (0 means "none" to callers). Lock-free reads for the data path.
 */
public final class IndexTable {
  /** What an index names: a handshake in flight (keypair null) or an established keypair. */
  public record Entry(Peer peer, Keypair keypair) {
    public boolean isHandshake() {
      return keypair == null;
    }
  }

  private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();
  private final Entropy entropy;

  public IndexTable(Entropy entropy) {
    this.entropy = entropy;
  }

  /** Allocates a fresh index for peer's handshake. */
  public int newIndexForHandshake(Peer peer) {
    Entry entry = new Entry(peer, null);
    byte[] random = new byte[4];
    while (true) {
      entropy.fill(random);
      int index =
          (random[0] & 0xFF)
              | (random[1] & 0xFF) << 8
              | (random[2] & 0xFF) << 16
              | (random[3] & 0xFF) << 24;
      if (index != 0 && entries.putIfAbsent(index, entry) == null) {
        return index;
      }
    }
  }

  /** Call after beginSession: the handshake's index now names the keypair. */
  public void swapIndexForKeypair(int index, Keypair keypair) {
    entries.computeIfPresent(index, (i, e) -> new Entry(e.peer(), keypair));
  }

  public Entry lookup(int index) {
    return entries.get(index);
  }

  /** Frees index; a later allocation may reuse it. */
  public void delete(int index) {
    entries.remove(index);
  }

  /** Frees index only while it still names a handshake (not yet swapped for a keypair). */
  public void deleteHandshake(int index) {
    entries.computeIfPresent(index, (i, e) -> e.isHandshake() ? null : e);
  }

  public int size() {
    return entries.size();
  }
}
