package dev.cordon.client.admin;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cordon admin renew [--force] [--new-key]}: renews the caller's own admin certificate and
 * rewrites its credential directory. Admin certificates live hours; every other admin verb renews
 * on its own from 2/3 of the life, so this verb is for doing it on purpose (before a trip, or to
 * rotate the key).
 */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = {
      "Renew your own admin certificate and rewrite the credential directory in place (the key"
          + " stays 0600). The controller allows it from 2/3 of the certificate's life, or at"
          + " once with --force."
    },
    footer = {
      "%nExamples:",
      "  cordon admin renew",
      "  cordon admin renew --force --new-key --admin-credential ./alice"
    })
public final class AdminRenewCommand extends AdminVerb {

  @Option(names = "--force", description = "Renew before 2/3 of the certificate's life.")
  boolean force;

  @Option(
      names = "--new-key",
      description = "Make a new key too (the whole directory is swapped in at once).")
  boolean newKey;

  @Override
  boolean renewsFirst() {
    return false;
  }

  @Override
  int run(AdminSession session) throws IOException {
    X509Certificate current;
    try {
      current = session.credential().chain().getFirst();
    } catch (GeneralSecurityException e) {
      throw CredentialRenewal.unreadable(session.credential(), e);
    }
    if (!force && !CredentialRenewal.due(current, context().clock().instant())) {
      throw new CliException(
          ExitCodes.CONFLICT,
          "the admin certificate in "
              + session.credential().directory()
              + " is renewable from "
              + CredentialRenewal.renewableFrom(current)
              + "; pass --force to renew now");
    }
    X509Certificate renewed = CredentialRenewal.renew(session, force, newKey);
    out()
        .println(
            "Renewed the admin certificate in "
                + session.credential().directory()
                + (newKey ? " with a new key" : "")
                + "; valid until "
                + renewed.getNotAfter().toInstant()
                + ".");
    return ExitCodes.OK;
  }
}
