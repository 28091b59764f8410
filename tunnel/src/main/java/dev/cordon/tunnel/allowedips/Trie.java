package dev.cordon.tunnel.allowedips;

/**
 * The persistent trie operations. Each update returns a new root and leaves the old tree intact,
 * copying only the nodes on the path it changes.
 */
final class Trie {
  private Trie() {}

  static <P> Node<P> insert(Node<P> node, IpPrefix prefix, P peer) {
    long h = prefix.high();
    long l = prefix.low();
    int length = prefix.length();
    if (node == null) {
      return new Node<>(h, l, length, peer, null, null);
    }
    int common =
        Math.min(Node.commonBits(node.high(), node.low(), h, l), Math.min(node.length(), length));
    if (common == node.length() && common == length) {
      return node.withPeer(peer);
    }
    if (common == node.length()) {
      int bit = Node.bit(h, l, common);
      return node.withChild(bit, insert(node.child(bit), prefix, peer));
    }
    Node<P> fresh = new Node<>(h, l, length, peer, null, null);
    if (common == length) {
      // The new prefix contains this subtree: it becomes the subtree's parent.
      return fresh.withChild(Node.bit(node.high(), node.low(), common), node);
    }
    // The two part at bit `common`: join them under a node that holds no peer.
    Node<P> join =
        new Node<>(
            h & IpPrefix.maskHigh(common), l & IpPrefix.maskLow(common), common, null, null, null);
    return join.withChild(Node.bit(h, l, common), fresh)
        .withChild(Node.bit(node.high(), node.low(), common), node);
  }

  /** Removes the entry for {@code prefix}, dropping nodes that no longer hold or join anything. */
  static <P> Node<P> remove(Node<P> node, IpPrefix prefix) {
    if (node == null
        || node.length() > prefix.length()
        || !node.covers(prefix.high(), prefix.low())) {
      return node;
    }
    Node<P> updated;
    if (node.length() == prefix.length()) {
      updated = node.withPeer(null);
    } else {
      int bit = Node.bit(prefix.high(), prefix.low(), node.length());
      Node<P> child = remove(node.child(bit), prefix);
      if (child == node.child(bit)) {
        return node;
      }
      updated = node.withChild(bit, child);
    }
    return compact(updated);
  }

  private static <P> Node<P> compact(Node<P> node) {
    if (node.peer() != null || (node.zero() != null && node.one() != null)) {
      return node;
    }
    return node.zero() != null ? node.zero() : node.one();
  }

  static <P> P exact(Node<P> node, IpPrefix prefix) {
    while (node != null
        && node.length() <= prefix.length()
        && node.covers(prefix.high(), prefix.low())) {
      if (node.length() == prefix.length()) {
        return node.peer();
      }
      node = node.child(Node.bit(prefix.high(), prefix.low(), node.length()));
    }
    return null;
  }

  /** Longest-prefix match: the deepest node on the address's path that holds a peer. */
  static <P> P lookup(Node<P> node, long h, long l, int bits) {
    P found = null;
    while (node != null && node.covers(h, l)) {
      if (node.peer() != null) {
        found = node.peer();
      }
      if (node.length() == bits) {
        break;
      }
      node = node.child(Node.bit(h, l, node.length()));
    }
    return found;
  }
}
