package dev.cordon.lab.demo;

import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;

/** A device of the demo: a name, its enrolled id, how it runs, and a way to try a service. */
public interface DemoDevice {
  /** Probe timeout: a dropped connection attempt costs this much. */
  int PROBE_TIMEOUT_MILLIS = 2_500;

  String name();

  String deviceId();

  /** "agent (cordon up)" or "stock wireguard-go"; honest about fallbacks. */
  String runs();

  /** The device's WireGuard public key, base64, as gateways print it. */
  String publicKey();

  Namespace namespace();

  /**
   * One bounded echo exchange with the service from inside the device's namespace: bash opens the
   * TCP connection, sends a line and expects it back (a shell costs milliseconds, a JVM seconds).
   */
  default Attempt attempt(Service service) {
    Result r =
        namespace()
            .execAllowFail(
                "timeout",
                Double.toString(PROBE_TIMEOUT_MILLIS / 1000.0),
                "bash",
                "-c",
                "exec 3<>/dev/tcp/$0/$1 || exit 3; echo cordon-demo >&3;"
                    + " IFS= read -r -t 2 line <&3; [ \"$line\" = cordon-demo ] || exit 4;"
                    + " echo echoed bytes=12",
                service.address(),
                Integer.toString(service.port()));
    return Attempt.of(r);
  }
}
