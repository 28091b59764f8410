package dev.cordon.controller.ipam;

import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.Op;
import java.net.Inet4Address;

/**
 * A candidate address for {@code owner}: commit {@link #guard()} and {@link #put()} in the caller's
 * transaction; if it fails, claim again (the next claim probes past this address).
 */
public record AddressClaim(Inet4Address address, String key, String owner) {

  public Compare guard() {
    return Compare.absent(key);
  }

  public Op put() {
    return Op.put(key, owner);
  }
}
