package dev.cordon.lab.bench.controlplane;

/**
 * The policy the control-plane bench applies: {@code gateways} gateways ({@code gw-0}...), each
 * fronting one service, and ten label-selected segments ({@code group=g0}...{@code g9}) that every
 * rule lets through. Revision {@code n} moves every rule to port {@code 1000 + n}, so each applied
 * revision changes every gateway's table (the worst case for acknowledgements) while its peers stay
 * the same.
 */
final class FleetPolicy {
  static final int SEGMENTS = 10;

  private FleetPolicy() {}

  static String groupOf(int device) {
    return "g" + (device % SEGMENTS);
  }

  static String gatewayName(int g) {
    return "gw-" + g;
  }

  static String yaml(int gateways, int revision) {
    if (gateways < 1) throw new IllegalArgumentException("at least one gateway");
    if (revision < 0 || revision > 60_000) throw new IllegalArgumentException("revision 0..60000");
    StringBuilder y = new StringBuilder("version: 1\ngateways:\n");
    for (int g = 0; g < gateways; g++) y.append("  - name: ").append(gatewayName(g)).append('\n');
    y.append("segments:\n");
    StringBuilder all = new StringBuilder();
    for (int s = 0; s < SEGMENTS; s++) {
      y.append("  - name: seg-").append(s).append("\n    match: group=g").append(s).append('\n');
      all.append(s == 0 ? "" : ", ").append("seg-").append(s);
    }
    y.append("services:\n");
    for (int g = 0; g < gateways; g++) {
      y.append("  - name: svc-").append(g).append('\n');
      y.append("    gateway: ").append(gatewayName(g)).append('\n');
      y.append("    address: 10.").append(g / 250).append('.').append(g % 250).append(".0/24\n");
      y.append("    protocol: tcp\n");
    }
    y.append("rules:\n");
    for (int g = 0; g < gateways; g++) {
      y.append("  - name: to-svc-").append(g).append('\n');
      y.append("    action: allow\n");
      y.append("    from: [").append(all).append("]\n");
      y.append("    to: {services: [svc-").append(g).append("]}\n");
      y.append("    ports: [").append(1000 + revision).append("]\n");
    }
    return y.toString();
  }
}
