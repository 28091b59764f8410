package dev.cordon.controller.enroll;

/**
 * What a principal sends to enroll. {@link #toString()} hides the token, so the request can appear
 * in a log line without leaking it.
 */
public record EnrollmentRequest(
    String token, byte[] csr, byte[] wireGuardPublicKey, boolean stockWireGuard) {

  public EnrollmentRequest {
    csr = csr.clone();
    wireGuardPublicKey = wireGuardPublicKey.clone();
  }

  @Override
  public byte[] csr() {
    return csr.clone();
  }

  @Override
  public byte[] wireGuardPublicKey() {
    return wireGuardPublicKey.clone();
  }

  @Override
  public String toString() {
    return "EnrollmentRequest[token hidden, csr " + csr.length + " bytes]";
  }
}
