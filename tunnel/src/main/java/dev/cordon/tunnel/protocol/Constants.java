package dev.cordon.tunnel.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Every number of the protocol, named once. "Specification" values must match stock WireGuard
 * exactly; "implementation" values are choices wireguard-go made that we follow.
 */
public final class Constants {
  private Constants() {}

  // ---- Specification: names mixed into hashes ----

  public static final String CONSTRUCTION = "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s";
  public static final byte[] IDENTIFIER =
      "WireGuard v1 zx2c4 Jason@zx2c4.com".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] LABEL_COOKIE = "cookie--".getBytes(StandardCharsets.US_ASCII);

  // ---- Specification: message types and sizes ----

  public static final int TYPE_INITIATION = 1;
  public static final int TYPE_RESPONSE = 2;
  public static final int TYPE_COOKIE_REPLY = 3;
  public static final int TYPE_TRANSPORT = 4;

  /** One type byte and three reserved zero bytes. */
  public static final int HEADER_LENGTH = 4;

  public static final int INDEX_LENGTH = 4;
  public static final int KEY_LENGTH = 32;
  public static final int TAG_LENGTH = 16;
  public static final int MAC_LENGTH = 16;
  public static final int TIMESTAMP_LENGTH = 12;
  public static final int COUNTER_LENGTH = 8;
  public static final int COOKIE_LENGTH = 16;
  public static final int COOKIE_NONCE_LENGTH = 24;

  public static final int INITIATION_LENGTH = 148;
  public static final int RESPONSE_LENGTH = 92;
  public static final int COOKIE_REPLY_LENGTH = 64;

  /** Header, receiver index and counter before a transport message's ciphertext. */
  public static final int TRANSPORT_HEADER_LENGTH = HEADER_LENGTH + INDEX_LENGTH + COUNTER_LENGTH;

  /** The smallest transport message: a keepalive, an empty payload and its tag. */
  public static final int TRANSPORT_MIN_LENGTH = TRANSPORT_HEADER_LENGTH + TAG_LENGTH;

  /** Transport plaintext is zero-padded to a multiple of this (but not past the MTU). */
  public static final int PADDING_MULTIPLE = 16;

  // ---- Specification: limits and timers ----

  public static final long REKEY_AFTER_MESSAGES = 1L << 60;

  /** 2^64 - 2^13 - 1, an unsigned value: compare with Long.compareUnsigned. */
  public static final long REJECT_AFTER_MESSAGES = -(1L << 13) - 1;

  public static final Duration REKEY_AFTER_TIME = Duration.ofSeconds(120);
  public static final Duration REJECT_AFTER_TIME = Duration.ofSeconds(180);
  public static final Duration REKEY_ATTEMPT_TIME = Duration.ofSeconds(90);
  public static final Duration REKEY_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration COOKIE_REFRESH_TIME = Duration.ofSeconds(120);

  /** Initiations from one peer closer together than this are a flood (1/50 s). */
  public static final Duration HANDSHAKE_INITIATION_RATE = Duration.ofMillis(20);

  /** Anti-replay window size in counters (RFC 6479 style: 128 blocks of 64 bits, less one). */
  public static final int REPLAY_WINDOW_SIZE = 8128;

  // ---- Implementation (wireguard-go's choices) ----

  /** Up to this much random jitter is added to REKEY_TIMEOUT before a retry. */
  public static final Duration REKEY_TIMEOUT_JITTER_MAX = Duration.ofMillis(333);

  /** The initiator rekeys on receive once its keypair is this old (180 - 10 - 5 s). */
  public static final Duration REKEY_ON_RECEIVE_AGE =
      REJECT_AFTER_TIME.minus(KEEPALIVE_TIMEOUT).minus(REKEY_TIMEOUT);

  /** Keys and handshake state are zeroed after this long without a new handshake. */
  public static final Duration ZERO_KEYS_AFTER = REJECT_AFTER_TIME.multipliedBy(3);

  /** Queued handshakes at which the responder turns on under-load (cookie) mode. */
  public static final int UNDER_LOAD_QUEUE_LENGTH = 128;

  /** Under-load mode lasts this long after the queue drains. */
  public static final Duration UNDER_LOAD_AFTER_TIME = Duration.ofSeconds(1);

  /** Per-source handshake rate under load, and its burst. */
  public static final int HANDSHAKES_PER_SECOND = 20;

  public static final int HANDSHAKE_BURST = 5;
}
