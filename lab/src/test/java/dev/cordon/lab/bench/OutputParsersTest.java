package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numbers the benchmark and the interop tests read out of other programs' output. */
class OutputParsersTest {
  @Test
  void ping_percentiles_use_nearest_rank_over_the_per_packet_times() {
    var out = new StringBuilder("PING 100.64.0.2 (100.64.0.2) 56(84) bytes of data.\n");
    for (int i = 100; i >= 1; i--) {
      out.append("64 bytes from 100.64.0.2: icmp_seq=")
          .append(i)
          .append(" ttl=64 time=")
          .append(i / 10.0)
          .append(" ms\n");
    }
    out.append("rtt min/avg/max/mdev = 0.100/5.050/10.000/2.887 ms\n");

    var stats = PingStats.parse(out.toString());

    assertEquals(100, stats.millis().size(), "the summary line is not a sample");
    assertEquals(5.0, stats.percentile(50));
    assertEquals(9.9, stats.percentile(99));
    assertThrows(IllegalStateException.class, () -> PingStats.parse("no replies").percentile(50));
  }

  @Test
  void iperf3_tcp_reports_the_receivers_sum() {
    String json =
        """
        {"end": {"streams": [], "sum_sent": {"start": 0, "end": 5.0, "seconds": 5.0,
          "bytes": 400000000, "bits_per_second": 640000000, "retransmits": 3, "sender": true},
          "sum_received": {"start": 0, "end": 5.001, "seconds": 5.001, "bytes": 368000000,
          "bits_per_second": 588682263.5, "sender": false}}}
        """;

    var outcome = Iperf.parseTcp(json);

    assertEquals(368_000_000L, outcome.bytes());
    assertEquals(588.68, outcome.bitsPerSecond() / 1e6, 0.01);
  }

  @Test
  void iperf3_udp_packets_per_second_count_only_datagrams_that_arrived() {
    String json =
        """
        {"intervals": [{"sum": {"start": 0, "end": 1.0, "packets": 10}}],
         "end": {"sum": {"packets": 1000, "lost_packets": 0},
          "sum_received": {"start": 0, "end": 2.0, "seconds": 2.0, "bytes": 64000,
          "bits_per_second": 256000, "jitter_ms": 0.01, "lost_packets": 200, "packets": 1000,
          "lost_percent": 20, "sender": false}}}
        """;

    assertEquals(400.0, Iperf.parseUdp(json).packetsPerSecond());
  }

  @Test
  void cpu_seconds_come_from_utime_and_stime_even_when_the_name_has_spaces_and_parens() {
    String stat = "4242 (wireguard (go) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 130 0 0 20 0 9";

    assertEquals(3.8, ProcStat.parseCpuSeconds(stat), 1e-9);
  }

  @Test
  void cordon_event_lines_parse_into_fields_and_other_output_is_ignored() {
    String output =
        """
        WARNING: something from the JVM
        ready interface=clx-1cordon port=51820
        handshake peer=AbC+/dEf0123456789abcdefghijklmnopqrstuvwxy= role=initiator
        endpoint peer=AbC+/dEf0123456789abcdefghijklmnopqrstuvwxy= addr=192.0.2.12:51999
        handshake peer=ZZZ= role=responder
        """;

    var handshakes = TunnelEvents.parse(output, "handshake");

    assertEquals(2, handshakes.size());
    assertEquals(
        Map.of("peer", "AbC+/dEf0123456789abcdefghijklmnopqrstuvwxy=", "role", "initiator"),
        handshakes.getFirst());
    assertEquals("192.0.2.12:51999", TunnelEvents.parse(output, "endpoint").getFirst().get("addr"));
    assertEquals(List.of(), TunnelEvents.parse(output, "keepalive-received"));
  }

  @Test
  void the_status_file_splits_into_one_section_per_peer() {
    var sections =
        TunnelEvents.statusSections("interface=x\npeer=A=\nrx_bytes=10\npeer=B=\nrx_bytes=0\n");

    assertEquals(3, sections.size());
    assertEquals("10", sections.get(1).get("rx_bytes"));
    assertEquals("B=", sections.get(2).get("peer"));
  }
}
