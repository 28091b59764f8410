package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/**
 * The CA's ECDSA runs through AWS-LC on the platforms CI and the lab use, and AWS-LC decides every
 * CSR signature exactly as the JDK-and-Bouncy-Castle fallback does; a provider that disagrees with
 * the JDK is never used.
 */
class EcdsaProvidersTest {
  private static final Registration CAMERA =
      Registration.device(Principal.device("cam-7", DOMAIN), TestDevice.wireGuardKey());

  @Test
  void awsLcLoadsAndIsWhatTheCaUsesHere() {
    EcdsaProviders.Result awsLc = EcdsaProviders.awsLc();
    assertTrue(
        awsLc.providers().isPresent(),
        "AWS-LC (software.amazon.cryptools:AmazonCorrettoCryptoProvider, linux-x86_64) should load"
            + " on Linux x86_64 with a writable temporary directory, but "
            + awsLc.whyNot());
    assertTrue(
        EcdsaProviders.current().description().startsWith("AWS-LC"),
        "without -D"
            + EcdsaProviders.PROPERTY
            + "=jdk the CA uses AWS-LC: "
            + EcdsaProviders.current());
  }

  @Test
  void awsLcAndTheFallbackAcceptAndRefuseTheSameCsrs() {
    Provider awsLc = EcdsaProviders.awsLc().providers().orElseThrow().verifying();
    Provider fallback = EcdsaProviders.jdk().verifying();
    Random random = new Random(20261122);
    int accepted = 0, refused = 0;
    for (int i = 0; i < 40; i++) {
      KeyPair keys = TestDevice.p256();
      byte[] csr =
          switch (i % 3) {
            case 0 -> TestDevice.csr(keys, new X500Name("CN=cam-7"));
            case 1 -> // proof of possession fails: signed by another key
                TestDevice.csrSignedBy(
                    keys.getPublic(), TestDevice.p256().getPrivate(), new X500Name("CN=cam-7"));
            default -> flipOneBitNearTheEnd(TestDevice.csr(keys, new X500Name("CN=cam-7")), random);
          };
      String byAwsLc = outcome(csr, awsLc);
      assertEquals(outcome(csr, fallback), byAwsLc, "CSR " + i);
      if (byAwsLc.equals("issued")) accepted++;
      else refused++;
    }
    assertEquals(14, accepted, "every well-signed CSR is accepted");
    assertEquals(26, refused, "every other one is refused");
  }

  @Test
  void aProviderThatAcceptsAnySignatureFailsTheStartUpCheck() throws Exception {
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> EcdsaProviders.agreesWithTheJdk(new AcceptsEverything()));
    assertTrue(
        e.getMessage().contains("accepted a signature over another message"), e.getMessage());
    EcdsaProviders.agreesWithTheJdk(EcdsaProviders.awsLc().providers().orElseThrow().signing());
  }

  private static String outcome(byte[] csr, Provider verifying) {
    try {
      CertificateRequest.check(csr, CAMERA, verifying, TestDevice.BC);
      return "issued";
    } catch (IssuanceRefused e) {
      return e.reason().name();
    }
  }

  /** One bit of the last 64 bytes (the signature) flipped. */
  private static byte[] flipOneBitNearTheEnd(byte[] der, Random random) {
    byte[] out = der.clone();
    out[out.length - 1 - random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
    return out;
  }

  /** A broken provider: it signs correctly (through the JDK) but verifies anything. */
  private static final class AcceptsEverything extends Provider {
    AcceptsEverything() {
      super("AcceptsEverything", "1", "a provider that must never be used");
      put("Signature." + CaCertificates.SIGNATURE_ALGORITHM, Yes.class.getName());
    }
  }

  public static final class Yes extends SignatureSpi {
    private final java.security.Signature jdk;
    private boolean signing;

    public Yes() throws GeneralSecurityException {
      jdk = java.security.Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM, "SunEC");
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) {
      signing = false;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      jdk.initSign(privateKey);
      signing = true;
    }

    @Override
    protected void engineUpdate(byte b) throws java.security.SignatureException {
      if (signing) jdk.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len)
        throws java.security.SignatureException {
      if (signing) jdk.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws java.security.SignatureException {
      return jdk.sign();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) {
      return true;
    }

    @Override
    @SuppressWarnings("deprecation")
    protected void engineSetParameter(String param, Object value) {}

    @Override
    @SuppressWarnings("deprecation")
    protected Object engineGetParameter(String param) {
      return null;
    }
  }
}
