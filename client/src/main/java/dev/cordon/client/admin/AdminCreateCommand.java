package dev.cordon.client.admin;

import com.google.protobuf.ByteString;
import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.identity.AtomicFiles;
import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.Pem;
import dev.cordon.proto.v1.AdminRole;
import dev.cordon.proto.v1.CreateAdminRequest;
import dev.cordon.proto.v1.CreateAdminResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cordon admin create NAME --role ROLE --out DIR}: the new admin's key is generated here and
 * written only to DIR; the controller signs its CSR.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create another administrator. Its key is generated here and written to DIR with the"
          + " certificate the controller signs; hand DIR to the new admin over a safe channel."
    },
    footer = {
      "%nExamples:",
      "  cordon admin create alice --role operator --out ./alice",
      "  cordon admin create audit-bot --role auditor --out /etc/cordon/audit-bot"
    })
public final class AdminCreateCommand extends AdminVerb {

  @Parameters(paramLabel = "NAME", description = "The new admin's unique name.")
  String name;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      converter = Words.Role.class,
      description = "owner, operator or auditor.")
  AdminRole role;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write admin.key (0600), admin.crt and ca.crt; must not hold a key.")
  Path out;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) throws IOException {
    if (Files.exists(out.resolve(AdminCredential.KEY))) {
      throw new CliException(
          ExitCodes.CONFLICT, out.resolve(AdminCredential.KEY) + " exists; choose another --out");
    }
    KeyPair keys = CertificateKeys.generate(new SecureRandom());
    CreateAdminRequest request =
        CreateAdminRequest.newBuilder()
            .setName(name)
            .setRole(role)
            .setCsrDer(ByteString.copyFrom(CertificateKeys.csr(keys, "cordon admin " + name)))
            .build();
    CreateAdminResponse created =
        session.call("create administrators", s -> s.createAdmin(request));
    write(keys, created);
    if (output.json()) {
      out().println(Json.of(created.getAdmin()));
    } else {
      out()
          .println(
              "Created admin "
                  + created.getAdmin().getIdentity().getName()
                  + " ("
                  + Formats.enumWord(created.getAdmin().getRole(), "ADMIN_ROLE_")
                  + "); credential written to "
                  + out
                  + ".");
      out().println("Use it with --admin-credential " + out + " or CORDON_ADMIN=" + out + ".");
    }
    return ExitCodes.OK;
  }

  private void write(KeyPair keys, CreateAdminResponse created) throws IOException {
    Files.createDirectories(
        out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    AtomicFiles.write(
        out.resolve(AdminCredential.KEY),
        Pem.privateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.PRIVATE);
    AtomicFiles.write(
        out.resolve(AdminCredential.CERTIFICATE),
        pem(created.getCertificateChainList()),
        AtomicFiles.PUBLIC);
    AtomicFiles.write(
        out.resolve(AdminCredential.CA_BUNDLE), pem(created.getCaBundleList()), AtomicFiles.PUBLIC);
  }

  private static byte[] pem(List<ByteString> ders) {
    return Pem.certificates(ders.stream().map(ByteString::toByteArray).toList())
        .getBytes(StandardCharsets.US_ASCII);
  }
}
