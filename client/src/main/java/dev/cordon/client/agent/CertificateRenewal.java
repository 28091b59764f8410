package dev.cordon.client.agent;

import com.google.protobuf.ByteString;
import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.Pem;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One renewal: a fresh certificate key (the old one is retired with its certificate), a CSR for it,
 * the Renew call, a check that the new leaf carries the new key, and the swap on disk. The
 * WireGuard key stays: the controller binds it to the device, and peers know it.
 */
public final class CertificateRenewal {

  private CertificateRenewal() {}

  /** Renews and installs; returns the new leaf's validity. */
  public static Validity renew(
      DeviceServiceGrpc.DeviceServiceBlockingStub stub,
      StateDirectory state,
      SecureRandom random,
      long deadlineMillis)
      throws IOException, GeneralSecurityException {
    KeyPair key = CertificateKeys.generate(random);
    RenewRequest request =
        RenewRequest.newBuilder()
            .setCsrDer(ByteString.copyFrom(CertificateKeys.csr(key, "cordon device renewal")))
            .build();
    RenewResponse response =
        stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).renew(request);
    List<byte[]> chain =
        response.getCertificateChainList().stream().map(ByteString::toByteArray).toList();
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("the controller's renewal carried no certificate");
    }
    X509Certificate leaf = Pem.fromDer(chain).getFirst();
    if (!Arrays.equals(leaf.getPublicKey().getEncoded(), key.getPublic().getEncoded())) {
      throw new GeneralSecurityException("the renewed certificate is not for the key we sent");
    }
    CertificateFiles.replace(
        state,
        key.getPrivate(),
        chain,
        response.getCaBundleList().stream().map(ByteString::toByteArray).toList());
    return Validity.of(leaf);
  }

  /** A certificate's validity period. */
  public record Validity(Instant notBefore, Instant notAfter) {
    public static Validity of(X509Certificate certificate) {
      return new Validity(
          certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
  }
}
