package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {
  @Test
  void a_complete_machine_has_no_problems() {
    assertEquals(List.of(), Prerequisites.problems(true, b -> true, true));
  }

  @Test
  void each_missing_prerequisite_is_named_with_its_fix() {
    var present = Set.of("ip", "wireguard-go", "wg", "etcd", "iperf3", "ping", "nft");
    assertEquals(
        List.of(
            "lab tests need root: run `sudo make test`",
            "etcdctl not found: install with apt-get install --no-install-recommends etcd-client",
            "/dev/net/tun missing: load the tun module (`modprobe tun`) or run where it exists"),
        Prerequisites.problems(false, present::contains, false));
  }
}
