package dev.cordon.tunnel.allowedips;

/**
 * One immutable node of a path-compressed binary trie. A node covers the prefix {@code (high, low)
 * / length}; it holds a peer when that prefix is an entry, or none when it only joins two subtrees
 * that part at bit {@code length}. Updates copy the path from the root, so readers walk a tree that
 * never changes under them.
 */
record Node<P>(long high, long low, int length, P peer, Node<P> zero, Node<P> one) {

  Node<P> withPeer(P newPeer) {
    return new Node<>(high, low, length, newPeer, zero, one);
  }

  Node<P> child(int bit) {
    return bit == 0 ? zero : one;
  }

  Node<P> withChild(int bit, Node<P> child) {
    return bit == 0
        ? new Node<>(high, low, length, peer, child, one)
        : new Node<>(high, low, length, peer, zero, child);
  }

  /** Whether the address {@code (h, l)} lies inside this node's prefix. */
  boolean covers(long h, long l) {
    return ((h ^ high) & IpPrefix.maskHigh(length)) == 0
        && ((l ^ low) & IpPrefix.maskLow(length)) == 0;
  }

  /** Bit {@code index} (0 = most significant) of the 128-bit value {@code (h, l)}. */
  static int bit(long h, long l, int index) {
    return (int) (index < 64 ? h >>> (63 - index) : l >>> (127 - index)) & 1;
  }

  /** How many leading bits {@code (h1, l1)} and {@code (h2, l2)} share. */
  static int commonBits(long h1, long l1, long h2, long l2) {
    long x = h1 ^ h2;
    return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(l1 ^ l2);
  }
}
