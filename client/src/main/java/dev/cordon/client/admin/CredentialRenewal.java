package dev.cordon.client.admin;

import com.google.protobuf.ByteString;
import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.identity.AtomicFiles;
import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.Pem;
import dev.cordon.proto.v1.RenewAdminRequest;
import dev.cordon.proto.v1.RenewResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renews the calling admin's own certificate and rewrites its credential directory so that no
 * reader, and no crash, ever sees a key with a certificate that does not belong to it. Keeping the
 * key (the default) changes one file that matters, {@code admin.crt}, replaced by an atomic rename
 * after {@code ca.crt}. A new key changes two, so the whole directory is staged beside the old one
 * and swapped in by renames; a crash between the two renames leaves the complete old directory
 * under a {@code .previous} name, never a mixed pair.
 */
final class CredentialRenewal {

  private CredentialRenewal() {}

  /** From 2/3 of the certificate's life on, as the controller decides, and before its end. */
  static boolean due(X509Certificate leaf, Instant now) {
    return !now.isBefore(renewableFrom(leaf)) && now.isBefore(leaf.getNotAfter().toInstant());
  }

  static Instant renewableFrom(X509Certificate leaf) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Duration life = Duration.between(notBefore, leaf.getNotAfter().toInstant());
    return notBefore.plus(life.multipliedBy(2).dividedBy(3));
  }

  /** Renews over {@code session} and writes the result; returns the new leaf. */
  static X509Certificate renew(AdminSession session, boolean force, boolean newKey)
      throws IOException {
    AdminCredential credential = session.credential();
    X509Certificate old;
    KeyPair keys;
    try {
      old = credential.chain().getFirst();
      keys =
          newKey
              ? CertificateKeys.generate(new SecureRandom())
              : new KeyPair(old.getPublicKey(), credential.key());
    } catch (GeneralSecurityException e) {
      throw unreadable(credential, e);
    }
    RenewAdminRequest request =
        RenewAdminRequest.newBuilder()
            .setCsrDer(ByteString.copyFrom(CertificateKeys.csr(keys, "cordon admin renew")))
            .setForce(force)
            .build();
    RenewResponse reply = session.call("renew the admin certificate", s -> s.renewAdmin(request));
    X509Certificate leaf = check(reply, keys, old);
    byte[] chain = pem(reply.getCertificateChainList());
    byte[] bundle = pem(reply.getCaBundleList());
    if (newKey) {
      swap(credential.directory(), keys, chain, bundle);
    } else {
      AtomicFiles.write(
          credential.directory().resolve(AdminCredential.CA_BUNDLE), bundle, AtomicFiles.PUBLIC);
      AtomicFiles.write(
          credential.directory().resolve(AdminCredential.CERTIFICATE), chain, AtomicFiles.PUBLIC);
    }
    return leaf;
  }

  /** The reply must certify our key for the same identity, or nothing is written. */
  private static X509Certificate check(RenewResponse reply, KeyPair keys, X509Certificate old) {
    try {
      List<X509Certificate> chain =
          Pem.fromDer(
              reply.getCertificateChainList().stream().map(ByteString::toByteArray).toList());
      X509Certificate leaf = chain.getFirst();
      if (!java.util.Arrays.equals(
          leaf.getPublicKey().getEncoded(), keys.getPublic().getEncoded())) {
        throw new CliException(
            ExitCodes.FAILURE,
            "the controller's new certificate is not for this key; kept the old");
      }
      if (!String.valueOf(leaf.getSubjectAlternativeNames())
          .equals(String.valueOf(old.getSubjectAlternativeNames()))) {
        throw new CliException(
            ExitCodes.FAILURE,
            "the controller's new certificate names another identity; kept the old");
      }
      return leaf;
    } catch (GeneralSecurityException | java.util.NoSuchElementException e) {
      throw new CliException(
          ExitCodes.FAILURE, "the controller sent no usable certificate: " + e.getMessage());
    }
  }

  private static void swap(Path directory, KeyPair keys, byte[] chain, byte[] bundle)
      throws IOException {
    Path target = directory.toAbsolutePath();
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path staged =
        Files.createTempDirectory(
            parent,
            "." + name + ".renew-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      copyOthers(target, staged);
      AtomicFiles.write(
          staged.resolve(AdminCredential.KEY),
          Pem.privateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII),
          AtomicFiles.PRIVATE);
      AtomicFiles.write(staged.resolve(AdminCredential.CERTIFICATE), chain, AtomicFiles.PUBLIC);
      AtomicFiles.write(staged.resolve(AdminCredential.CA_BUNDLE), bundle, AtomicFiles.PUBLIC);
      Path previous = parent.resolve("." + name + ".previous-" + staged.getFileName());
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
        throw e;
      }
      delete(previous);
    } finally {
      if (Files.exists(staged)) {
        delete(staged);
      }
    }
  }

  /** Files the admin keeps in the directory besides the credential travel with it. */
  private static void copyOthers(Path from, Path to) throws IOException {
    List<String> ours =
        List.of(AdminCredential.KEY, AdminCredential.CERTIFICATE, AdminCredential.CA_BUNDLE);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file) && !ours.contains(file.getFileName().toString())) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static byte[] pem(List<ByteString> ders) {
    return Pem.certificates(ders.stream().map(ByteString::toByteArray).toList())
        .getBytes(StandardCharsets.US_ASCII);
  }

  static CliException unreadable(AdminCredential credential, Exception e) {
    return new CliException(
        ExitCodes.AUTH_FAILED,
        "cannot read the admin credential in " + credential.directory() + ": " + e.getMessage());
  }
}
