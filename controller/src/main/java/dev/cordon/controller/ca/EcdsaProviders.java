package dev.cordon.controller.ca;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Where the CA's ECDSA P-256 work runs: signing leaves, checking CSR signatures, and checking that
 * a presented certificate was signed by our issuing CA (at every TLS handshake and every mTLS
 * call).
 *
 * <p>By default that is AWS-LC, through the Amazon Corretto Crypto Provider, when its native
 * library loads on this platform and passes a sign-and-verify check against the JDK at start.
 * Measured on the 2-core benchmark machine it verifies in about 55 to 90 µs and signs in about 20
 * µs, against Bouncy Castle's 200 to 230 µs to verify and SunEC's 130 µs to sign; those two
 * operations were about half of the controller's CPU per enrollment. Otherwise (another platform,
 * no writable temporary directory for the library, or {@code -Dcordon.ecdsa=jdk}) signing goes
 * through the JDK's SunEC (constant time) and verifying through Bouncy Castle, whose variable-time
 * arithmetic is safe there because everything verified is public.
 *
 * <p>Only the algorithm provider changes: Bouncy Castle still parses CSRs and builds certificates,
 * and the CA key stays in this process.
 */
public record EcdsaProviders(Provider signing, Provider verifying, String description) {

  /** The system property that forces the JDK providers ({@code jdk}) for comparison or triage. */
  public static final String PROPERTY = "cordon.ecdsa";

  private static final class Chosen {
    static final EcdsaProviders CURRENT = choose();
  }

  /** The providers this process uses, chosen once. */
  public static EcdsaProviders current() {
    return Chosen.CURRENT;
  }

  /** SunEC signs (Bouncy Castle where the JDK has no SunEC), Bouncy Castle verifies. */
  public static EcdsaProviders jdk() {
    Provider bc = new BouncyCastleProvider();
    Provider sunEc = Security.getProvider("SunEC");
    return new EcdsaProviders(
        sunEc == null ? bc : sunEc,
        bc,
        (sunEc == null ? "Bouncy Castle" : "SunEC") + " signs, Bouncy Castle verifies");
  }

  /** AWS-LC for both, or why it cannot be used here. */
  static Result awsLc() {
    Throwable loading;
    try {
      loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
    } catch (LinkageError e) {
      loading = e;
    }
    if (loading != null) {
      return new Result(Optional.empty(), "its native library did not load: " + loading);
    }
    Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    try {
      agreesWithTheJdk(accp);
    } catch (GeneralSecurityException | RuntimeException e) {
      return new Result(Optional.empty(), "it failed the start-up check: " + e.getMessage());
    }
    return new Result(
        Optional.of(
            new EcdsaProviders(
                accp,
                accp,
                "AWS-LC (Amazon Corretto Crypto Provider " + accp.getVersionStr() + ")")),
        "");
  }

  /** What {@link #awsLc} found: the providers, or the reason there are none. */
  record Result(Optional<EcdsaProviders> providers, String whyNot) {}

  private static EcdsaProviders choose() {
    if ("jdk".equals(System.getProperty(PROPERTY))) {
      EcdsaProviders jdk = jdk();
      return new EcdsaProviders(
          jdk.signing, jdk.verifying, jdk.description + " (-D" + PROPERTY + "=jdk)");
    }
    Result native_ = awsLc();
    if (native_.providers().isPresent()) return native_.providers().get();
    EcdsaProviders jdk = jdk();
    return new EcdsaProviders(
        jdk.signing, jdk.verifying, jdk.description + "; AWS-LC unused: " + native_.whyNot());
  }

  /**
   * Signs with one provider and verifies with the other both ways, and refuses a changed message: a
   * provider that disagrees with the JDK on any of it is not used.
   */
  static void agreesWithTheJdk(Provider candidate) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    byte[] message = "cordon: ecdsa start-up check".getBytes(StandardCharsets.US_ASCII);
    byte[] byCandidate =
        sign(Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM, candidate), keys, message);
    byte[] byJdk = sign(Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM), keys, message);
    Signature jdkVerify = Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM);
    Signature candidateVerify =
        Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM, candidate);
    if (!verify(jdkVerify, keys, message, byCandidate)
        || !verify(candidateVerify, keys, message, byJdk)) {
      throw new GeneralSecurityException("its P-256 signatures do not match the JDK's");
    }
    byte[] changed = message.clone();
    changed[0] ^= 1;
    if (verify(candidateVerify, keys, changed, byJdk)) {
      throw new GeneralSecurityException("it accepted a signature over another message");
    }
  }

  private static byte[] sign(Signature s, KeyPair keys, byte[] message)
      throws GeneralSecurityException {
    s.initSign(keys.getPrivate());
    s.update(message);
    return s.sign();
  }

  private static boolean verify(Signature s, KeyPair keys, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    s.initVerify(keys.getPublic());
    s.update(message);
    return s.verify(signature);
  }

  @Override
  public String toString() {
    return "ECDSA: " + description;
  }
}
