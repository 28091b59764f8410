package dev.cordon.tunnel.protocol;

import dev.cordon.tunnel.crypto.ChaChaPoly;
import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.protocol.message.TransportMessage;
import dev.cordon.tunnel.replay.ReplayFilter;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;

/**
 * The transport keys one handshake produced, with both indices, its birth time, which side
 * initiated (only the initiator rekeys on time) and the send counter. Sealing and opening use the
 * calling thread's cipher, so any number of threads may use one keypair. Each keypair has its own
 * anti-replay window ({@link #acceptCounter}), checked after a message authenticates.
 */
public final class Keypair {
  private final byte[] sendKey;
  private final byte[] receiveKey;
  // The JDK's key objects keep their own copies, which cannot be wiped; destroy() zeroes ours and
  // makes this keypair refuse all further use.
  private final SecretKey sendSecret;
  private final SecretKey receiveSecret;
  private final int localIndex;
  private final int remoteIndex;
  private final boolean initiator;
  private final long createdNanos;
  private final AtomicLong sendCounter = new AtomicLong();
  private final ReplayFilter replay = new ReplayFilter();
  private volatile boolean destroyed;

  /** Copies both keys; the caller zeroes its own. */
  public Keypair(
      byte[] sendKey,
      byte[] receiveKey,
      int localIndex,
      int remoteIndex,
      boolean initiator,
      long createdNanos) {
    this.sendKey = sendKey.clone();
    this.receiveKey = receiveKey.clone();
    this.sendSecret = ChaChaPoly.key(this.sendKey);
    this.receiveSecret = ChaChaPoly.key(this.receiveKey);
    this.localIndex = localIndex;
    this.remoteIndex = remoteIndex;
    this.initiator = initiator;
    this.createdNanos = createdNanos;
  }

  /** Our index: transport messages to us carry it as their receiver index. */
  public int localIndex() {
    return localIndex;
  }

  /** The peer's index: what we put in the receiver field of messages we send. */
  public int remoteIndex() {
    return remoteIndex;
  }

  public boolean isInitiator() {
    return initiator;
  }

  public long createdNanos() {
    return createdNanos;
  }

  /**
   * Takes the next send counter.
   *
   * @return the counter, or -1 when REJECT_AFTER_MESSAGES is reached or the keypair is destroyed
   */
  public long nextSendCounter() {
    if (destroyed) {
      return -1;
    }
    long counter = sendCounter.getAndIncrement();
    if (Long.compareUnsigned(counter, Constants.REJECT_AFTER_MESSAGES) >= 0) {
      sendCounter.set(Constants.REJECT_AFTER_MESSAGES);
      return -1;
    }
    return counter;
  }

  /** Counters handed out so far (unsigned), for the REKEY_AFTER_MESSAGES check. */
  public long sendCount() {
    return sendCounter.get();
  }

  /**
   * Writes a complete transport message: header, remote index, counter and the sealed plaintext
   * (already padded by the caller, see {@link TransportMessage#paddedLength}). The plaintext may
   * already sit at out[off + DATA_OFFSET] (encryption in place).
   *
   * @return the message length, or -1 when no counter is left or the keypair is destroyed
   */
  public int sealTransport(byte[] plain, int plainOff, int plainLen, byte[] out, int off) {
    long counter = nextSendCounter();
    if (counter == -1) { // as unsigned, 2^64 - 1 is past REJECT_AFTER_MESSAGES: never a counter
      return -1;
    }
    TransportMessage.writeHeader(out, off, remoteIndex, counter);
    int sealed =
        ChaChaPoly.forThisThread()
            .seal(
                sendSecret,
                counter,
                null,
                plain,
                plainOff,
                plainLen,
                out,
                off + TransportMessage.DATA_OFFSET);
    return TransportMessage.DATA_OFFSET + sealed;
  }

  /**
   * Opens a transport message addressed to this keypair into out (dataLength() - 16 bytes). The
   * caller checks the counter's limit before (cheaply) and records it with {@link #acceptCounter}
   * after.
   *
   * @return false when the message does not authenticate or the keypair is destroyed
   */
  public boolean openTransport(TransportMessage msg, byte[] out, int outOff) {
    if (destroyed) {
      return false;
    }
    return ChaChaPoly.forThisThread()
        .open(
            receiveSecret,
            msg.counter(),
            null,
            msg.buffer(),
            msg.dataOffset(),
            msg.dataLength(),
            out,
            outOff);
  }

  /**
   * Records the counter of a message that authenticated under this keypair. Call after {@link
   * #openTransport} succeeds, never before: a forged message must not move the window.
   *
   * @return false when the counter was seen, fell behind the window or reached
   *     REJECT_AFTER_MESSAGES
   */
  public synchronized boolean acceptCounter(long counter) {
    return !destroyed && replay.validateCounter(counter, Constants.REJECT_AFTER_MESSAGES);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Zeroes the keys and refuses all further sealing and opening. */
  public void destroy() {
    destroyed = true;
    Secrets.zero(sendKey, receiveKey);
  }
}
