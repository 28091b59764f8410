package dev.cordon.lab.demo;

import dev.cordon.lab.Namespace;
import dev.cordon.lab.system.StockDevice;

/**
 * A device running stock wireguard-go, configured only from the wg-quick file {@code cordon enroll
 * --wg-quick} generated. {@code why} says why it is stock: by design (sensor-1) or because the
 * agent could not run.
 */
public record StockSensor(String name, StockDevice device, String why) implements DemoDevice {

  @Override
  public String deviceId() {
    return device.deviceId();
  }

  @Override
  public String runs() {
    return why;
  }

  @Override
  public String publicKey() {
    return device.publicKey();
  }

  @Override
  public Namespace namespace() {
    return device.namespace();
  }
}
