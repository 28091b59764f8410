package dev.cordon.client.admin;

import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.Pem;
import dev.cordon.client.testing.Cli;
import dev.cordon.client.testing.TestCa;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.ListDevicesRequest;
import dev.cordon.proto.v1.ListDevicesResponse;
import dev.cordon.proto.v1.RenewAdminRequest;
import dev.cordon.proto.v1.RenewResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminRenewTest {

  private static final String ALICE = "spiffe://cordon.local/admin/alice";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final KeyPair ISSUER = CertificateKeys.generate(RANDOM);

  @TempDir Path home;

  /** Issues for the CSR's key, as the controller does, and remembers what it was asked. */
  static final class RenewingAdmin extends AdminServiceGrpc.AdminServiceImplBase {
    final List<RenewAdminRequest> requests = new ArrayList<>();
    boolean refuse;

    @Override
    public void renewAdmin(RenewAdminRequest request, StreamObserver<RenewResponse> reply) {
      requests.add(request);
      if (refuse) {
        reply.onError(Status.UNAVAILABLE.withDescription("store is down").asException());
        return;
      }
      try {
        PublicKey key =
            new JcaPKCS10CertificationRequest(
                    new PKCS10CertificationRequest(request.getCsrDer().toByteArray()))
                .getPublicKey();
        X509Certificate leaf = leaf(key, TestCa.NOW, Duration.ofHours(12));
        reply.onNext(
            RenewResponse.newBuilder()
                .addCertificateChain(ByteString.copyFrom(leaf.getEncoded()))
                .addCaBundle(ByteString.copyFrom(leaf.getEncoded()))
                .build());
        reply.onCompleted();
      } catch (Exception e) {
        reply.onError(Status.INTERNAL.withDescription(e.toString()).asException());
      }
    }

    @Override
    public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> out) {
      out.onNext(ListDevicesResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  static X509Certificate leaf(PublicKey key, Instant notBefore, Duration life) throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=issuing"),
            BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
            Date.from(notBefore),
            Date.from(notBefore.plus(life)),
            new X500Name("CN=admin"),
            key);
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, ALICE)));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ISSUER.getPrivate())));
  }

  /** Alice's credential directory with a 12 h certificate that started {@code age} ago. */
  private Path credential(Duration age) throws Exception {
    Path dir = home.resolve("alice");
    Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    KeyPair keys = CertificateKeys.generate(RANDOM);
    X509Certificate cert = leaf(keys.getPublic(), TestCa.NOW.minus(age), Duration.ofHours(12));
    Files.writeString(dir.resolve(AdminCredential.KEY), Pem.privateKey(keys.getPrivate()));
    Files.setPosixFilePermissions(
        dir.resolve(AdminCredential.KEY), PosixFilePermissions.fromString("rw-------"));
    String pem = Pem.certificates(List.of(cert.getEncoded()));
    Files.writeString(dir.resolve(AdminCredential.CERTIFICATE), pem);
    Files.writeString(dir.resolve(AdminCredential.CA_BUNDLE), pem);
    return dir;
  }

  private static Cli cli(Path credential, RenewingAdmin admin) throws Exception {
    return new Cli(
        Map.of("CORDON_CONTROLLER", "controller.test:7443", "CORDON_ADMIN", credential.toString()),
        admin);
  }

  private static X509Certificate certificate(Path dir) throws Exception {
    return new AdminCredential(dir).chain().getFirst();
  }

  @Test
  void aForcedRenewalKeepsTheKeyAndReplacesTheCertificate() throws Exception {
    Path dir = credential(Duration.ofHours(1));
    String key = Files.readString(dir.resolve(AdminCredential.KEY));
    RenewingAdmin admin = new RenewingAdmin();

    Cli.Run run;
    try (Cli cli = cli(dir, admin)) {
      run = cli.run("admin", "renew", "--force");
    }

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        "Renewed the admin certificate in " + dir + "; valid until 2025-06-01T22:00:00Z.\n",
        run.out());
    assertTrue(admin.requests.getFirst().getForce());
    assertEquals(key, Files.readString(dir.resolve(AdminCredential.KEY)));
    assertEquals(TestCa.NOW, certificate(dir).getNotBefore().toInstant());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(AdminCredential.KEY))));
  }

  @Test
  void aNewKeySwapsTheWholeDirectoryKeepingOtherFilesAndLeavingNothingBehind() throws Exception {
    Path dir = credential(Duration.ofHours(1));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    String oldKey = Files.readString(dir.resolve(AdminCredential.KEY));

    Cli.Run run;
    try (Cli cli = cli(dir, new RenewingAdmin())) {
      run = cli.run("admin", "renew", "--force", "--new-key");
    }

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertContains(run.out(), "with a new key");
    assertFalse(oldKey.equals(Files.readString(dir.resolve(AdminCredential.KEY))));
    assertTrue(belongTogether(dir), "the new key and the new certificate belong together");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(AdminCredential.KEY))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    try (Stream<Path> siblings = Files.list(home)) {
      assertEquals(List.of(dir), siblings.toList());
    }
  }

  @Test
  void renewingBeforeTwoThirdsOfTheLifeWithoutForceSaysWhenAndAsksNothing() throws Exception {
    Path dir = credential(Duration.ofHours(1));
    RenewingAdmin admin = new RenewingAdmin();

    Cli.Run run;
    try (Cli cli = cli(dir, admin)) {
      run = cli.run("admin", "renew");
    }

    assertEquals(ExitCodes.CONFLICT, run.exitCode());
    assertEquals(
        "cordon: the admin certificate in "
            + dir
            + " is renewable from 2025-06-01T17:00:00Z; pass --force to renew now\n",
        run.err());
    assertEquals(List.of(), admin.requests);
  }

  @Test
  void anyVerbRenewsACredentialPastTwoThirdsOfItsLifeAndSaysSoOnStderr() throws Exception {
    Path dir = credential(Duration.ofHours(9));
    RenewingAdmin admin = new RenewingAdmin();

    Cli.Run run;
    try (Cli cli = cli(dir, admin)) {
      run = cli.run("device", "list");
    }

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        "cordon: the admin certificate in "
            + dir
            + " was past 2/3 of its life; renewed it, valid until 2025-06-01T22:00:00Z\n",
        run.err());
    assertFalse(admin.requests.getFirst().getForce());
    assertEquals(TestCa.NOW, certificate(dir).getNotBefore().toInstant());
  }

  @Test
  void aFailedTransparentRenewalOnlyWarnsAndTheVerbStillRuns() throws Exception {
    Path dir = credential(Duration.ofHours(9));
    String before = Files.readString(dir.resolve(AdminCredential.CERTIFICATE));
    RenewingAdmin admin = new RenewingAdmin();
    admin.refuse = true;

    Cli.Run run;
    try (Cli cli = cli(dir, admin)) {
      run = cli.run("device", "list");
    }

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertContains(
        run.err(), "could not renew the admin certificate in " + dir, "valid until 2025-06-01T13");
    assertEquals(before, Files.readString(dir.resolve(AdminCredential.CERTIFICATE)));
  }

  /** Whether the key file's private key signs what the certificate's public key verifies. */
  private static boolean belongTogether(Path dir) throws Exception {
    AdminCredential credential = new AdminCredential(dir);
    byte[] message = "renewed".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(credential.key());
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(credential.chain().getFirst().getPublicKey());
    verifier.update(message);
    return verifier.verify(signature);
  }
}
