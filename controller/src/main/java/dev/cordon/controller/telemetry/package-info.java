/**
 * Telemetry from gateways: flow records and security events arrive on the ReportTelemetry stream,
 * are attributed to the gateway of the TLS session, and land in a bounded, retention-limited event
 * log that {@code QueryEvents} reads; per-device counters (the ground the behavioural analytics
 * builds on) are summed in memory. Both go to the store in periodic chunks, never one write per
 * record, so gateway rates cost the store a write every few seconds.
 *
 * <p>Flow records are logged as security events of no kind with {@code record=flow} attributes,
 * since the Admin API has one event query; their severity is LOW when denied and UNSPECIFIED when
 * allowed, so {@code min_severity} can leave allowed traffic out. This package keeps the proto
 * messages as its stored form: the log is what the API serves, and a second model would only be
 * copied back and forth.
 */
package dev.cordon.controller.telemetry;
