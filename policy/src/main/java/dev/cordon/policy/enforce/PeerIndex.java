package dev.cordon.policy.enforce;

import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.model.IpAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/** Authorized peers sorted by overlay address, found by binary search over primitive arrays. */
final class PeerIndex {
  private final long[] hi;
  private final long[] lo;
  private final AuthorizedPeer[] peers;
  private final long[][] masks;

  private PeerIndex(long[] hi, long[] lo, AuthorizedPeer[] peers, long[][] masks) {
    this.hi = hi;
    this.lo = lo;
    this.peers = peers;
    this.masks = masks;
  }

  PeerIndex(Collection<AuthorizedPeer> all, SegmentMasks segments) {
    AuthorizedPeer[] sorted =
        all.stream()
            .filter(p -> p.overlayAddress() != null)
            .sorted(Comparator.comparing(AuthorizedPeer::overlayAddress))
            .toArray(AuthorizedPeer[]::new);
    peers = sorted;
    hi = new long[sorted.length];
    lo = new long[sorted.length];
    masks = new long[sorted.length][];
    for (int i = 0; i < sorted.length; i++) {
      IpAddress a = sorted[i].overlayAddress();
      hi[i] = a.hi();
      lo[i] = a.lo();
      masks[i] = segments.mask(sorted[i].segments());
    }
  }

  /**
   * This index with the peers of the device ids in {@code changed} moved from their entries in
   * {@code before} to those in {@code after} (absent: none), under the same segment numbering: a
   * removal and an insertion per changed peer, each a binary search and an array shift, instead of
   * sorting every peer again.
   */
  PeerIndex with(
      Set<String> changed,
      Map<String, AuthorizedPeer> before,
      Map<String, AuthorizedPeer> after,
      SegmentMasks segments) {
    int size = peers.length;
    int room = size + changed.size();
    long[] h = Arrays.copyOf(hi, room);
    long[] l = Arrays.copyOf(lo, room);
    AuthorizedPeer[] p = Arrays.copyOf(peers, room);
    long[][] m = Arrays.copyOf(masks, room);
    for (String id : changed) {
      AuthorizedPeer old = before.get(id);
      if (old == null || old.overlayAddress() == null) continue;
      IpAddress a = old.overlayAddress();
      int at = search(h, l, size, a.hi(), a.lo());
      if (at < 0 || !p[at].deviceId().equals(id)) continue;
      shift(h, l, p, m, at + 1, at, size - at - 1);
      size--;
    }
    for (String id : changed) {
      AuthorizedPeer now = after.get(id);
      if (now == null || now.overlayAddress() == null) continue;
      IpAddress a = now.overlayAddress();
      int at = search(h, l, size, a.hi(), a.lo());
      at = at < 0 ? -at - 1 : at;
      shift(h, l, p, m, at, at + 1, size - at);
      h[at] = a.hi();
      l[at] = a.lo();
      p[at] = now;
      m[at] = segments.mask(now.segments());
      size++;
    }
    return new PeerIndex(
        Arrays.copyOf(h, size),
        Arrays.copyOf(l, size),
        Arrays.copyOf(p, size),
        Arrays.copyOf(m, size));
  }

  private static void shift(
      long[] h, long[] l, AuthorizedPeer[] p, long[][] m, int from, int to, int count) {
    System.arraycopy(h, from, h, to, count);
    System.arraycopy(l, from, l, to, count);
    System.arraycopy(p, from, p, to, count);
    System.arraycopy(m, from, m, to, count);
  }

  /** The slot of the peer with this overlay address, or -1. */
  int find(long aHi, long aLo) {
    int at = search(hi, lo, peers.length, aHi, aLo);
    return at < 0 ? -1 : at;
  }

  /** Where an address is among the first {@code size} entries, or -(insertion point) - 1. */
  private static int search(long[] hi, long[] lo, int size, long aHi, long aLo) {
    int low = 0, high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = IpAddress.compare(hi[mid], lo[mid], aHi, aLo);
      if (c < 0) low = mid + 1;
      else if (c > 0) high = mid - 1;
      else return mid;
    }
    return -(low + 1);
  }

  AuthorizedPeer peer(int slot) {
    return peers[slot];
  }

  long[] mask(int slot) {
    return masks[slot];
  }

  int size() {
    return peers.length;
  }

  @Override
  public String toString() {
    return "PeerIndex" + Arrays.toString(peers);
  }
}
