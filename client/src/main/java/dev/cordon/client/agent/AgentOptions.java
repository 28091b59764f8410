package dev.cordon.client.agent;

import java.time.Duration;

/**
 * How the agent runs.
 *
 * @param interfaceName the TUN interface ("cordon0")
 * @param posture where posture values come from
 * @param postureInterval how often posture is reported even when unchanged
 * @param postureCheckInterval how often posture is collected to see whether it changed
 * @param callTimeout the deadline of unary calls (Renew, ReportPosture)
 * @param statusInterval how often the status file is rewritten
 */
public record AgentOptions(
    String interfaceName,
    Posture.Sources posture,
    Duration postureInterval,
    Duration postureCheckInterval,
    Duration callTimeout,
    Duration statusInterval) {

  public static final Duration DEFAULT_POSTURE_INTERVAL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_POSTURE_CHECK = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(1);
}
