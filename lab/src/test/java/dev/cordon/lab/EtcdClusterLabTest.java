package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LabTest
class EtcdClusterLabTest {
  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Test
  void a_three_member_cluster_accepts_a_write_with_one_member_killed(Lab lab) throws Exception {
    try (var etcd = EtcdCluster.start(lab, 3)) {
      assertEquals(3, etcd.clientEndpoints().size());
      etcd.kill(0);
      assertEquals(2, etcd.liveClientEndpoints().size());

      try (Client client =
          Client.builder().endpoints(etcd.liveClientEndpoints().toArray(String[]::new)).build()) {
        // If the killed member led, the others need an election first: retry until it is over.
        Await.until(
            "a write to the two remaining members",
            Duration.ofSeconds(30),
            () -> {
              try {
                client.getKVClient().put(bytes("/lab/k"), bytes("v1")).get(3, TimeUnit.SECONDS);
                return true;
              } catch (Exception e) {
                return false;
              }
            });
        var read = client.getKVClient().get(bytes("/lab/k")).get(5, TimeUnit.SECONDS);
        assertEquals("v1", read.getKvs().getFirst().getValue().toString(StandardCharsets.UTF_8));
      }
      // etcdctl, a second client, sees the same value: the write is in the cluster, not a cache.
      var got = etcd.etcdctl("get", "/lab/k", "--print-value-only");
      assertTrue(got.ok(), got.stderr());
      assertEquals("v1", got.stdout().strip());
    }
  }

  @Test
  void a_single_member_without_a_lab_starts_serves_and_stops(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    EtcdCluster etcd = EtcdCluster.start(dir, 1);
    try {
      var put = etcd.etcdctl("put", "k", "one");
      assertTrue(put.ok(), put.stderr());
      assertEquals("one", etcd.etcdctl("get", "k", "--print-value-only").stdout().strip());
    } finally {
      etcd.close();
    }
    assertTrue(etcd.liveClientEndpoints().isEmpty(), "members still running after close");
    assertFalse(java.nio.file.Files.exists(dir.resolve("m0")), "data left behind");
  }
}
