package dev.cordon.tunnel.tun;

/**
 * What a {@link TunDevice} and the kernel agreed on: whether every packet carries a {@link
 * VirtioNetHeader}, and which offloads the kernel may use (it may then hand over packets with a
 * checksum left to complete, and TCP super-packets to cut into segments).
 */
public record TunOffloads(boolean vnetHeader, boolean checksum, boolean tcp4, boolean tcp6) {
  /** Bare IP packets, no header, no offloads. */
  public static final TunOffloads NONE = new TunOffloads(false, false, false, false);

  /**
   * The virtio-net header is present (always zero on our writes) but the kernel offloads nothing.
   */
  public static final TunOffloads HEADER_ONLY = new TunOffloads(true, false, false, false);

  /** The header and checksum, TSO over IPv4 and TSO over IPv6: what Cordon asks for. */
  public static final TunOffloads TSO = new TunOffloads(true, true, true, true);

  /** The bytes before each packet on reads and writes. */
  public int headerLength() {
    return vnetHeader ? VirtioNetHeader.SIZE : 0;
  }

  @Override
  public String toString() {
    if (!vnetHeader) {
      return "none";
    }
    return "vnet-header"
        + (checksum ? "+csum" : "")
        + (tcp4 ? "+tso4" : "")
        + (tcp6 ? "+tso6" : "");
  }
}
