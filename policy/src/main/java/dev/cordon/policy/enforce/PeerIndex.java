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
   * {@code before} to those in {@code after} (absent: none), under the same segment numbering,
   * without sorting every peer again: each changed peer is found by binary search, and one pass
   * copies the runs between the changes into arrays of the final size.
   */
  PeerIndex with(
      Set<String> changed,
      Map<String, AuthorizedPeer> before,
      Map<String, AuthorizedPeer> after,
      SegmentMasks segments) {
    int size = peers.length;
    int[] drop = new int[changed.size()];
    int drops = 0;
    AuthorizedPeer[] add = new AuthorizedPeer[changed.size()];
    int adds = 0;
    for (String id : changed) {
      AuthorizedPeer old = before.get(id);
      if (old != null && old.overlayAddress() != null) {
        int at = search(hi, lo, size, old.overlayAddress().hi(), old.overlayAddress().lo());
        if (at >= 0 && peers[at].deviceId().equals(id)) drop[drops++] = at;
      }
      AuthorizedPeer now = after.get(id);
      if (now != null && now.overlayAddress() != null) add[adds++] = now;
    }
    Arrays.sort(drop, 0, drops);
    Arrays.sort(add, 0, adds, Comparator.comparing(AuthorizedPeer::overlayAddress));

    int length = size - drops + adds;
    long[] h = new long[length], l = new long[length];
    AuthorizedPeer[] p = new AuthorizedPeer[length];
    long[][] m = new long[length][];
    int src = 0, dst = 0, d = 0, a = 0;
    while (true) {
      int addAt = a < adds ? insertionPoint(add[a].overlayAddress()) : size;
      int dropAt = d < drops ? drop[d] : size;
      int run = Math.min(addAt, dropAt) - src;
      copy(src, h, l, p, m, dst, run);
      src += run;
      dst += run;
      if (a < adds && addAt == src) { // an addition goes before the entry now at src
        IpAddress at = add[a].overlayAddress();
        h[dst] = at.hi();
        l[dst] = at.lo();
        p[dst] = add[a];
        m[dst++] = segments.mask(add[a++].segments());
      } else if (d < drops && dropAt == src) {
        src++;
        d++;
      } else {
        return new PeerIndex(h, l, p, m);
      }
    }
  }

  /** Where {@code a} would go among this index's entries (before an equal one). */
  private int insertionPoint(IpAddress a) {
    int at = search(hi, lo, peers.length, a.hi(), a.lo());
    return at < 0 ? -at - 1 : at;
  }

  private void copy(int from, long[] h, long[] l, AuthorizedPeer[] p, long[][] m, int to, int n) {
    System.arraycopy(hi, from, h, to, n);
    System.arraycopy(lo, from, l, to, n);
    System.arraycopy(peers, from, p, to, n);
    System.arraycopy(masks, from, m, to, n);
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
