package dev.cordon.controller.registry;

/**
 * Where each kind of record lives in the store. One place, so that the policy side can watch a
 * prefix (say {@link #DEVICES}) without guessing.
 */
public final class StoreKeys {

  public static final String DEVICES = "/devices/";
  public static final String GATEWAYS = "/gateways/";
  public static final String ADMINS = "/admins/";
  public static final String TOKENS = "/tokens/";
  public static final String ADDRESSES = "/ipam/";
  public static final String REVOKED_SERIALS = "/revoked/serial/";
  public static final String REVOKED_KEYS = "/revoked/key/";
  public static final String AUDIT = "/audit/";

  private StoreKeys() {}

  public static String device(String id) {
    return DEVICES + id;
  }

  public static String gateway(String name) {
    return GATEWAYS + name;
  }

  public static String admin(String name) {
    return ADMINS + name;
  }

  public static String token(String id) {
    return TOKENS + id;
  }
}
