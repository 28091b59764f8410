package dev.cordon.lab.demo;

/**
 * A protected service of the example policy as the lab builds it: one echo listener on {@code
 * address:port} in its own namespace behind {@code gateway}.
 */
public record Service(String name, String gateway, String address, int port) {
  public static final Service VIDEO_STORE = new Service("video-store", "hq", "10.10.1.20", 443);
  public static final Service HR_DB = new Service("hr-db", "hq", "10.10.2.10", 5432);
  public static final Service PATCH_SERVER = new Service("patch-server", "hq", "10.10.3.10", 443);
  public static final Service HVAC = new Service("hvac", "plant", "10.20.1.10", 502);

  public static final java.util.List<Service> ALL =
      java.util.List.of(VIDEO_STORE, HR_DB, PATCH_SERVER, HVAC);

  static Service named(String name) {
    return ALL.stream()
        .filter(s -> s.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /** "video-store:443", as the tables print it. */
  public String label() {
    return name + ":" + port;
  }
}
