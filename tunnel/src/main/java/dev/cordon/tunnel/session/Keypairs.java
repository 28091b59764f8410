package dev.cordon.tunnel.session;

import dev.cordon.tunnel.protocol.Keypair;
import java.util.function.Consumer;

/**
 * One peer's three keypair slots. The initiator uses a new keypair at once (current); the responder
 * parks it in next until the first transport message arrives under it, which proves the initiator
 * has it too. Previous keeps the old keys decrypting for a while after a rekey. Every keypair that
 * leaves the slots goes to the retire callback (zeroed, index freed). Writes happen under the
 * peer's lock; the data path reads the volatile slots without it.
 */
public final class Keypairs {
  private final Consumer<Keypair> retire;
  private volatile Keypair previous;
  private volatile Keypair current;
  private volatile Keypair next;

  public Keypairs(Consumer<Keypair> retire) {
    this.retire = retire;
  }

  public Keypair current() {
    return current;
  }

  public Keypair previous() {
    return previous;
  }

  public Keypair next() {
    return next;
  }

  /** Call after beginSession as initiator: the new keypair is current now. */
  public void installAsInitiator(Keypair keypair) {
    Keypair oldPrevious = previous;
    if (next != null) {
      // An unconfirmed responder keypair is older than this one but newer than current.
      previous = next;
      next = null;
      retireIfSet(current);
    } else {
      previous = current;
    }
    retireIfSet(oldPrevious);
    current = keypair;
  }

  /** Call after beginSession as responder: the new keypair waits in next for confirmation. */
  public void installAsResponder(Keypair keypair) {
    Keypair oldNext = next;
    Keypair oldPrevious = previous;
    next = keypair;
    previous = null;
    retireIfSet(oldNext);
    retireIfSet(oldPrevious);
  }

  /**
   * Call after a transport message authenticated under keypair.
   *
   * @return true when that confirmed next, which is current now (the responder's handshake is
   *     complete)
   */
  public boolean receivedWith(Keypair keypair) {
    if (keypair == null || keypair != next) {
      return false;
    }
    Keypair oldPrevious = previous;
    previous = current;
    current = next;
    next = null;
    retireIfSet(oldPrevious);
    return true;
  }

  /** Retires every keypair (keys zeroed after 540 s, or the peer removed). */
  public void clear() {
    Keypair p = previous;
    Keypair c = current;
    Keypair n = next;
    previous = null;
    current = null;
    next = null;
    retireIfSet(p);
    retireIfSet(c);
    retireIfSet(n);
  }

  private void retireIfSet(Keypair keypair) {
    if (keypair != null) {
      retire.accept(keypair);
    }
  }
}
