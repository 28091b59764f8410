/**
 * The seam between the gateway and the tunnel module's WireGuard device: the device's peer set
 * driven by table operations ({@link dev.cordon.gateway.device.DeviceAdapter}) and the device's
 * per-packet policy answered by the enforcer ({@link dev.cordon.gateway.device.EnforcingPolicy}),
 * including device-to-device relay decided once, on the way in.
 */
package dev.cordon.gateway.device;
