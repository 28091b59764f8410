package dev.cordon.controller.daemon;

import dev.cordon.controller.ca.Pem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

/**
 * The first owner's credential, written once into a 0700 directory as three 0600 files: {@value
 * #KEY}, {@value #CERT} and {@value #CA}. Each file is created with its mode in the same call, so
 * no moment exists where the key is readable by others; an existing file is never overwritten.
 */
final class OwnerCredential {

  // The names `cordon --admin-credential DIR` reads (client AdminCredential), so the directory
  // works as it is.
  static final String KEY = "admin.key";
  static final String CERT = "admin.crt";
  static final String CA = "ca.crt";

  private OwnerCredential() {}

  static void write(Path directory, PrivateKey key, X509Certificate cert, List<X509Certificate> ca)
      throws IOException {
    Files.createDirectories(
        directory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    writeOnce(directory.resolve(CA), Pem.certificates(ca.reversed()));
    writeOnce(directory.resolve(CERT), Pem.certificate(cert));
    writeOnce(directory.resolve(KEY), privateKeyPem(key));
  }

  private static String privateKeyPem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void writeOnce(Path file, String content) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    try (FileChannel channel =
        FileChannel.open(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
  }
}
