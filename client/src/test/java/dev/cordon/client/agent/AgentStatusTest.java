package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStatusTest {

  @TempDir Path temp;

  static AgentStatus sample(long pid, Instant now) {
    Map<String, Long> drops = new LinkedHashMap<>();
    drops.put("deny_rule", 1L);
    drops.put("no_matching_rule", 3L);
    return new AgentStatus(
        pid,
        now,
        "cordon0",
        "d-1",
        "spiffe://cordon.test/device/d-1",
        now.plusSeconds(86_400),
        "connected",
        "active",
        7,
        3,
        now.minusSeconds(120),
        List.of(
            new AgentStatus.Peer(
                Tables.keyText(1),
                "gw-1",
                "192.0.2.1:51820",
                now.minusSeconds(12),
                1536,
                512,
                List.of("10.10.1.0/24", "10.10.2.0/24")),
            new AgentStatus.Peer(Tables.keyText(2), "gw-2", null, null, 0, 0, List.of())),
        drops);
  }

  @Test
  void whatTheAgentWritesReadsBackEqual() throws IOException {
    AgentStatus status = sample(4242, Instant.parse("2025-06-01T10:00:00Z"));
    Path file = temp.resolve(AgentStatus.FILE);
    status.write(file);
    assertEquals(status, AgentStatus.read(file));
  }

  @Test
  void aDamagedStatusFileIsAnErrorNamingTheFile() throws IOException {
    Path file = temp.resolve(AgentStatus.FILE);
    Files.writeString(file, "pid=12\nupdated_at=yesterday\n");
    IOException e = assertThrows(IOException.class, () -> AgentStatus.read(file));
    assertEquals(true, e.getMessage().startsWith(file + " is damaged: "), e.getMessage());
  }

  @Test
  void agesAndByteCountsReadLikePeopleWriteThem() {
    assertEquals("12s ago", AgentStatusView.ago(java.time.Duration.ofSeconds(12)));
    assertEquals("5m ago", AgentStatusView.ago(java.time.Duration.ofSeconds(300)));
    assertEquals("3h ago", AgentStatusView.ago(java.time.Duration.ofHours(3)));
    assertEquals("2d ago", AgentStatusView.ago(java.time.Duration.ofDays(2)));
    assertEquals("512 B", AgentStatusView.bytes(512));
    assertEquals("1.5 KiB", AgentStatusView.bytes(1536));
    assertEquals("3.0 MiB", AgentStatusView.bytes(3L << 20));
  }

  @Test
  void thePostureTimeIsShownToTheSecondNotTheNanosecond() {
    Instant now = Instant.parse("2025-06-01T10:00:00.987654321Z");
    Map<String, Object> facts = AgentStatusView.facts(sample(1, now), now);
    assertEquals("2025-06-01T09:58:00Z", facts.get("posture_reported"));
  }
}
