package dev.cordon.lab.interop;

import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.bench.Flooder;
import dev.cordon.lab.bench.LabJava;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The flood that puts a WireGuard responder under load: bursts of 1000 initiations from 64 random
 * keys, 4000 in all within 15 s, enough for wireguard-go and Cordon alike to answer with cookie
 * replies. One definition, so every test that needs "under load" means the same load.
 */
final class CookieFlood {
  private static final Pattern FIRST_COOKIE = Pattern.compile("(?m)^first-cookie-reply$");

  private CookieFlood() {}

  /**
   * Starts the flooder in {@code from} against {@code target} (host:port) and returns it once the
   * responder has sent its first cookie reply, waiting at most {@code deadline}.
   */
  static LabProcess start(
      Namespace from, String target, String responderPublicKey, Duration deadline) {
    LabProcess flooder =
        LabJava.start(
            from,
            "flooder",
            Flooder.class,
            "--target",
            target,
            "--responder-public-key",
            responderPublicKey,
            "--random-keys",
            "64",
            "--mode",
            "bursts",
            "--burst",
            "1000",
            "--pause-ms",
            "250",
            "--count",
            "4000",
            "--seconds",
            "15");
    flooder.awaitOutput(FIRST_COOKIE, deadline);
    return flooder;
  }
}
