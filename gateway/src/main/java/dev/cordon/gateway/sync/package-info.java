/**
 * The gateway's session with the controller: an mTLS channel, the table watch (snapshot, then
 * deltas, each acknowledged once enforced), reconnection with capped exponential backoff and jitter
 * resuming from the last applied version, and fail-static: while the controller is gone the last
 * table keeps being enforced for a bounded time, never widened, then new flows are refused.
 */
package dev.cordon.gateway.sync;
