package dev.cordon.policy.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.model.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnTrackerTest {
  private static final IpAddress CAMERA = IpAddress.parse("100.64.0.2");
  private static final IpAddress VIDEO = IpAddress.parse("10.10.1.20");
  private static final IpAddress CAMERA6 = IpAddress.parse("fd7a::2");
  private static final IpAddress VIDEO6 = IpAddress.parse("fd00::20");
  private static final Decision ALLOW = Decision.allow("cams-to-video");

  /** The clock under the test's control. */
  private long now = 1_000_000;

  private final ConnTracker tracker = new ConnTracker(Timeouts.DEFAULT, 100, 1);

  private void advance(Duration d) {
    now += d.toMillis();
  }

  private ConnEntry handshake(FlowKey k) {
    ConnEntry e = tracker.track(k, ALLOW, 1, TcpFlags.SYN, now);
    ConnTracker.Hit synAck = tracker.lookup(k.reverse(), now);
    tracker.seen(synAck.entry(), synAck.direction(), TcpFlags.SYN | TcpFlags.ACK, now);
    ConnTracker.Hit ack = tracker.lookup(k, now);
    tracker.seen(ack.entry(), ack.direction(), TcpFlags.ACK, now);
    return e;
  }

  @Test
  void aReplyPacketMatchesTheOriginalFlowInTheReplyDirection() {
    FlowKey k = FlowKey.tcp(CAMERA, 40000, VIDEO, 443);
    tracker.track(k, ALLOW, 1, TcpFlags.SYN, now);
    ConnTracker.Hit reply = tracker.lookup(FlowKey.tcp(VIDEO, 443, CAMERA, 40000), now);
    assertNotNull(reply);
    assertEquals(Direction.REPLY, reply.direction());
    assertEquals(k, reply.entry().key());
    assertEquals(ALLOW, reply.entry().decision());
    assertEquals(Direction.ORIGINAL, tracker.lookup(k, now).direction());
    assertNull(
        tracker.lookup(FlowKey.tcp(VIDEO, 443, CAMERA, 40001), now),
        "another port is another flow");
    assertNull(
        tracker.lookup(FlowKey.udp(VIDEO, 443, CAMERA, 40000), now),
        "another protocol is another flow");
  }

  @Test
  void aHalfOpenTcpFlowExpiresAfterThirtySeconds() {
    FlowKey k = FlowKey.tcp(CAMERA, 40000, VIDEO, 443);
    tracker.track(k, ALLOW, 1, TcpFlags.SYN, now);
    assertEquals(FlowState.TCP_SYN_SENT, tracker.lookup(k, now).entry().state());
    advance(Duration.ofSeconds(29));
    assertNotNull(tracker.lookup(k, now));
    advance(Duration.ofSeconds(1));
    assertNull(tracker.lookup(k, now));
    assertEquals(0, tracker.size());
  }

  @Test
  void anEstablishedTcpFlowLivesFiveDaysIdle() {
    FlowKey k = FlowKey.tcp(CAMERA6, 40000, VIDEO6, 443);
    ConnEntry e = handshake(k);
    assertEquals(FlowState.TCP_ESTABLISHED, e.state());
    advance(Duration.ofDays(5).minusSeconds(1));
    assertNotNull(tracker.lookup(k.reverse(), now));
    advance(Duration.ofSeconds(1));
    assertNull(tracker.lookup(k, now));
  }

  @Test
  void aClosingTcpFlowLingersTwoMinutesAndAResetTenSeconds() {
    FlowKey k = FlowKey.tcp(CAMERA, 40000, VIDEO, 443);
    ConnEntry e = handshake(k);
    tracker.seen(e, Direction.REPLY, TcpFlags.FIN | TcpFlags.ACK, now);
    assertEquals(FlowState.TCP_CLOSING, e.state());
    advance(Duration.ofSeconds(119));
    assertNotNull(tracker.lookup(k, now));
    advance(Duration.ofSeconds(1));
    assertNull(tracker.lookup(k, now));

    FlowKey k2 = FlowKey.tcp(CAMERA, 40001, VIDEO, 443);
    ConnEntry e2 = handshake(k2);
    tracker.seen(e2, Direction.ORIGINAL, TcpFlags.RST, now);
    assertEquals(FlowState.TCP_CLOSED, e2.state());
    advance(Duration.ofSeconds(10));
    assertNull(tracker.lookup(k2, now));
  }

  @Test
  void udpLivesThirtySecondsUntilAnsweredThenThreeMinutes() {
    FlowKey k = FlowKey.udp(CAMERA, 5000, VIDEO, 53);
    ConnEntry e = tracker.track(k, ALLOW, 1, 0, now);
    assertEquals(FlowState.UDP_UNREPLIED, e.state());
    advance(Duration.ofSeconds(20));
    ConnTracker.Hit reply = tracker.lookup(k.reverse(), now);
    tracker.seen(reply.entry(), reply.direction(), 0, now);
    assertEquals(FlowState.UDP_STREAM, e.state());
    advance(Duration.ofSeconds(179));
    assertNotNull(tracker.lookup(k, now));
    advance(Duration.ofSeconds(1));
    assertNull(tracker.lookup(k, now));
  }

  @Test
  void anIcmpEchoReplyMatchesItsRequestAndExpiresAfterThirtySeconds() {
    FlowKey ping = FlowKey.icmpEcho(CAMERA6, VIDEO6, 77);
    tracker.track(ping, ALLOW, 1, 0, now);
    ConnTracker.Hit pong = tracker.lookup(FlowKey.icmpEcho(VIDEO6, CAMERA6, 77), now);
    assertEquals(Direction.REPLY, pong.direction());
    assertNull(tracker.lookup(FlowKey.icmpEcho(VIDEO6, CAMERA6, 78), now));
    advance(Duration.ofSeconds(30));
    assertNull(tracker.lookup(ping, now));
  }

  @Test
  void aFullTrackerEvictsExpiredEntriesFirstThenTheLeastRecentlyUsed() {
    ConnTracker small = new ConnTracker(Timeouts.DEFAULT, 3, 1);
    FlowKey a = FlowKey.udp(CAMERA, 1, VIDEO, 53);
    FlowKey b = FlowKey.udp(CAMERA, 2, VIDEO, 53);
    FlowKey c = FlowKey.udp(CAMERA, 3, VIDEO, 53);
    small.track(a, ALLOW, 1, 0, now);
    small.track(b, ALLOW, 1, 0, now);
    small.track(c, ALLOW, 1, 0, now);
    assertNotNull(small.lookup(a, now)); // a is now the most recently used
    small.track(FlowKey.udp(CAMERA, 4, VIDEO, 53), ALLOW, 1, 0, now);
    assertEquals(3, small.size());
    assertNull(small.lookup(b, now), "b was least recently used");
    assertNotNull(small.lookup(a, now));
    assertEquals(1, small.evictions());
  }

  @Test
  void aNewTableVersionMarksLiveFlowsForRecheck() {
    FlowKey k = FlowKey.tcp(CAMERA, 40000, VIDEO, 443);
    ConnEntry e = handshake(k);
    assertFalse(tracker.lookup(k, now).stale());
    tracker.newTableVersion(2);
    assertTrue(tracker.lookup(k, now).stale());
    assertEquals(List.of(e), tracker.stale());
    Decision revoked = Decision.defaultDeny(DenyReason.UNKNOWN_SOURCE);
    tracker.recheck(e, revoked, 2);
    ConnTracker.Hit hit = tracker.lookup(k, now);
    assertFalse(hit.stale());
    assertEquals(revoked, hit.entry().decision());
    assertEquals(2, hit.entry().tableVersion());
    assertTrue(tracker.stale().isEmpty());
  }

  @Test
  void expireSweepsOnlyEntriesPastTheirTimeout() {
    tracker.track(FlowKey.udp(CAMERA, 1, VIDEO, 53), ALLOW, 1, 0, now);
    handshake(FlowKey.tcp(CAMERA, 2, VIDEO, 443));
    advance(Duration.ofSeconds(31));
    assertEquals(1, tracker.expire(now));
    assertEquals(1, tracker.size());
    assertEquals(
        2, tracker.lookup(FlowKey.tcp(CAMERA, 2, VIDEO, 443), now).entry().packetsOriginal());
  }
}
