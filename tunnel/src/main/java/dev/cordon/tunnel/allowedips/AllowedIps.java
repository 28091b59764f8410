package dev.cordon.tunnel.allowedips;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps IPv4 and IPv6 prefixes to peers and answers longest-prefix-match lookups.
 *
 * <p>Lookups are lock-free and allocation-free: they read an immutable trie through a volatile
 * root, so the packet path never waits for the control plane. Changes are serialised on this object
 * and publish a new root that shares every untouched subtree with the old one.
 *
 * <p>A prefix belongs to at most one peer; inserting it again moves it. Peers are compared with
 * {@code equals}.
 *
 * @param <P> the peer type
 */
public final class AllowedIps<P> {
  private volatile Node<P> ipv4Root;
  private volatile Node<P> ipv6Root;
  private final Map<P, Set<IpPrefix>> byPeer = new HashMap<>();

  /** Assigns {@code prefix} to {@code peer}, taking it from any peer that held it. */
  public synchronized void insert(IpPrefix prefix, P peer) {
    if (peer == null) {
      throw new IllegalArgumentException("a prefix must map to a peer; use remove to clear it");
    }
    P previous = exact(prefix);
    if (previous != null) {
      forget(previous, prefix);
    }
    setRoot(prefix.ipv6(), Trie.insert(root(prefix.ipv6()), prefix, peer));
    byPeer.computeIfAbsent(peer, p -> new LinkedHashSet<>()).add(prefix);
  }

  /** Removes {@code prefix} and returns the peer that held it, or null if none did. */
  public synchronized P remove(IpPrefix prefix) {
    P previous = exact(prefix);
    if (previous != null) {
      setRoot(prefix.ipv6(), Trie.remove(root(prefix.ipv6()), prefix));
      forget(previous, prefix);
    }
    return previous;
  }

  /** Removes every prefix of {@code peer}, as when the peer leaves the device. */
  public synchronized void removeByPeer(P peer) {
    Set<IpPrefix> prefixes = byPeer.remove(peer);
    if (prefixes == null) {
      return;
    }
    for (IpPrefix prefix : prefixes) {
      setRoot(prefix.ipv6(), Trie.remove(root(prefix.ipv6()), prefix));
    }
  }

  /** The prefixes of {@code peer}, in the order they were inserted. */
  public synchronized List<IpPrefix> entries(P peer) {
    Set<IpPrefix> prefixes = byPeer.get(peer);
    return prefixes == null ? List.of() : List.copyOf(prefixes);
  }

  /** Every peer that holds at least one prefix. */
  public synchronized List<P> peers() {
    return new ArrayList<>(byPeer.keySet());
  }

  /** The peer whose prefix most specifically holds the IPv4 address (network order), or null. */
  public P lookupIpv4(int address) {
    return Trie.lookup(ipv4Root, (address & 0xFFFF_FFFFL) << 32, 0, 32);
  }

  /** The peer whose prefix most specifically holds the IPv6 address, or null. */
  public P lookupIpv6(long high, long low) {
    return Trie.lookup(ipv6Root, high, low, 128);
  }

  /**
   * Looks up {@code length} = 4 or 16 address bytes starting at {@code offset}, e.g. in a packet.
   */
  public P lookup(byte[] bytes, int offset, int length) {
    return switch (length) {
      case 4 -> lookupIpv4(Addresses.ipv4(bytes, offset));
      case 16 -> lookupIpv6(Addresses.longAt(bytes, offset), Addresses.longAt(bytes, offset + 8));
      default -> throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + length);
    };
  }

  public P lookup(InetAddress address) {
    byte[] bytes = address.getAddress();
    return lookup(bytes, 0, address instanceof Inet4Address ? 4 : 16);
  }

  private P exact(IpPrefix prefix) {
    return Trie.exact(root(prefix.ipv6()), prefix);
  }

  private void forget(P peer, IpPrefix prefix) {
    Set<IpPrefix> prefixes = byPeer.get(peer);
    prefixes.remove(prefix);
    if (prefixes.isEmpty()) {
      byPeer.remove(peer);
    }
  }

  private Node<P> root(boolean ipv6) {
    return ipv6 ? ipv6Root : ipv4Root;
  }

  private void setRoot(boolean ipv6, Node<P> root) {
    if (ipv6) {
      ipv6Root = root;
    } else {
      ipv4Root = root;
    }
  }
}
