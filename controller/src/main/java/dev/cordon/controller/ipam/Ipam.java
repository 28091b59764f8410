package dev.cordon.controller.ipam;

import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out candidates by probing from a moving cursor, so consecutive enrollments take consecutive
 * addresses and a probe is one key read in the common case. The cursor is only a hint: uniqueness
 * comes from the absent-key guard each claim carries into its transaction, which also holds across
 * controllers sharing one etcd.
 */
public final class Ipam {

  private final Store store;
  private final AddressPool pool;
  private final AtomicLong cursor = new AtomicLong();

  public Ipam(Store store, AddressPool pool) {
    this.store = store;
    this.pool = pool;
  }

  public AddressPool pool() {
    return pool;
  }

  /**
   * The next address that looks free. Safe to retry.
   *
   * @throws PoolExhaustedException after probing the whole pool
   */
  public AddressClaim claim(String owner) {
    long size = pool.size();
    for (long probes = 0; probes < size; probes++) {
      long index = Math.floorMod(cursor.getAndIncrement(), size);
      String key = key(pool.host(index));
      if (store.get(key).isEmpty()) {
        return new AddressClaim(pool.host(index), key, owner);
      }
    }
    throw new PoolExhaustedException(pool);
  }

  /** Frees an address, for a transaction that deletes its owner. */
  public static Op release(InetAddress address) {
    return Op.delete(key(address));
  }

  static String key(InetAddress address) {
    return StoreKeys.ADDRESSES + address.getHostAddress();
  }
}
