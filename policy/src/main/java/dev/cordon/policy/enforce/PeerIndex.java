package dev.cordon.policy.enforce;

import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.model.IpAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/** Authorized peers sorted by overlay address, found by binary search over primitive arrays. */
final class PeerIndex {
  private final long[] hi;
  private final long[] lo;
  private final AuthorizedPeer[] peers;
  private final long[][] masks;

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

  /** The slot of the peer with this overlay address, or -1. */
  int find(long aHi, long aLo) {
    int low = 0, high = peers.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = IpAddress.compare(hi[mid], lo[mid], aHi, aLo);
      if (c < 0) low = mid + 1;
      else if (c > 0) high = mid - 1;
      else return mid;
    }
    return -1;
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
