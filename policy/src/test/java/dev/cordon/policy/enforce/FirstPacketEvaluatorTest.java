package dev.cordon.policy.enforce;

import static dev.cordon.policy.testing.Fixtures.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.compile.PolicyCompiler;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import dev.cordon.policy.testing.Fixtures;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstPacketEvaluatorTest {
  private static final long MONDAY_10_BERLIN = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private static final IpAddress VIDEO = IpAddress.parse("10.10.1.20");
  private static final IpAddress HR = IpAddress.parse("10.10.2.7");
  private static final IpAddress PATCH = IpAddress.parse("10.10.3.10");

  private final DeviceRecord camera =
      device("camera-1").type("camera").address("100.64.0.2").build();
  private final DeviceRecord quarantined =
      device("camera-2")
          .type("camera")
          .address("100.64.0.3")
          .status(DeviceStatus.QUARANTINED)
          .build();

  private FirstPacketEvaluator hq() {
    return FirstPacketEvaluator.of(
        PolicyCompiler.compile(Fixtures.example(), List.of(camera, quarantined))
            .gatewayTable("hq"));
  }

  @Test
  void theGatewayAllowsTheCameraToTheVideoStoreAndNamesTheRule() {
    assertEquals(
        Decision.allow("cams-to-video"),
        hq().decide(camera.overlayAddress(), VIDEO, Protocol.IP_TCP, 443, MONDAY_10_BERLIN));
  }

  @Test
  void theGatewayDeniesHrWithTheDenyRuleAndOtherPortsByDefault() {
    FirstPacketEvaluator e = hq();
    assertEquals(
        Decision.deny(DenyReason.EXPLICIT_DENY, "nobody-to-hr"),
        e.decide(camera.overlayAddress(), HR, Protocol.IP_TCP, 5432, MONDAY_10_BERLIN));
    assertEquals(
        Decision.defaultDeny(DenyReason.NO_MATCHING_RULE),
        e.decide(camera.overlayAddress(), VIDEO, Protocol.IP_UDP, 443, MONDAY_10_BERLIN));
    assertEquals(
        Decision.defaultDeny(DenyReason.UNKNOWN_DESTINATION),
        e.decide(
            camera.overlayAddress(),
            IpAddress.parse("203.0.113.1"),
            Protocol.IP_TCP,
            443,
            MONDAY_10_BERLIN));
  }

  @Test
  void aQuarantinedPeerReachesThePatchServerOnly() {
    FirstPacketEvaluator e = hq();
    assertEquals(
        Decision.allow("quarantine-reach"),
        e.decide(quarantined.overlayAddress(), PATCH, Protocol.IP_TCP, 443, MONDAY_10_BERLIN));
    assertEquals(
        Decision.defaultDeny(DenyReason.QUARANTINED),
        e.decide(quarantined.overlayAddress(), VIDEO, Protocol.IP_TCP, 443, MONDAY_10_BERLIN));
  }

  @Test
  void decisionsAreSharedInstancesAndALookupAllocatesNothing() {
    FirstPacketEvaluator e = hq();
    long src = camera.overlayAddress().lo();
    Decision first =
        e.decide(0, src, VIDEO.hi(), VIDEO.lo(), Protocol.IP_TCP, 443, MONDAY_10_BERLIN);
    assertSame(
        first, e.decide(0, src, VIDEO.hi(), VIDEO.lo(), Protocol.IP_TCP, 443, MONDAY_10_BERLIN));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    for (int i = 0; i < 2_000; i++)
      e.decide(0, src, HR.hi(), HR.lo(), Protocol.IP_TCP, 5432, MONDAY_10_BERLIN);
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 10_000; i++) {
      e.decide(0, src, VIDEO.hi(), VIDEO.lo(), Protocol.IP_TCP, 443, MONDAY_10_BERLIN);
      e.decide(0, src, HR.hi(), HR.lo(), Protocol.IP_TCP, 5432, MONDAY_10_BERLIN);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    // 20,000 lookups; a single allocating one each would be hundreds of kilobytes.
    assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes");
  }
}
