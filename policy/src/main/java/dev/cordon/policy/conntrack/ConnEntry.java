package dev.cordon.policy.conntrack;

import dev.cordon.policy.eval.Decision;

/** One tracked flow; changed only by its {@link ConnTracker}. */
public final class ConnEntry {
  private final FlowKey key;
  Decision decision;
  long tableVersion;
  FlowState state;
  long expiresAt;
  long packetsOriginal;
  long packetsReply;

  // The tracker's chains of entries that share a source or a destination address (see
  // ConnTracker.involving): links in the entries themselves, so tracking a flow allocates nothing
  // for them and forgetting one is a few pointer moves.
  ConnEntry nextFrom;
  ConnEntry prevFrom;
  ConnEntry nextTo;
  ConnEntry prevTo;

  ConnEntry(FlowKey key, Decision decision, long tableVersion, FlowState state) {
    this.key = key;
    this.decision = decision;
    this.tableVersion = tableVersion;
    this.state = state;
  }

  public FlowKey key() {
    return key;
  }

  public Decision decision() {
    return decision;
  }

  public long tableVersion() {
    return tableVersion;
  }

  public FlowState state() {
    return state;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public long packetsOriginal() {
    return packetsOriginal;
  }

  public long packetsReply() {
    return packetsReply;
  }

  @Override
  public String toString() {
    return "ConnEntry[" + key + " " + state + " v" + tableVersion + " " + decision + "]";
  }
}
