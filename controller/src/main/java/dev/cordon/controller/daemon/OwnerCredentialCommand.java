package dev.cordon.controller.daemon;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.ca.CaConfig;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.identity.AdminRenewal;
import dev.cordon.controller.identity.LocalKeys;
import dev.cordon.controller.identity.Renewed;
import dev.cordon.controller.identity.StoreRevocationList;
import dev.cordon.controller.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cordon controller owner-credential}: the way back in when every admin certificate has
 * expired (they live hours). Run on the controller host, it uses the CA key on disk, which is the
 * deployment's authority anyway, to re-issue an admin's credential: a new key made here, the
 * certificate recorded in the admin's registry entry and audited in the store. A revoked admin is
 * refused. With the embedded store, stop the controller first: one process per store directory.
 */
@Command(
    name = "owner-credential",
    mixinStandardHelpOptions = true,
    description = {
      "Re-issue an admin credential (the owner's by default) from the CA on this host, for when"
          + " every admin certificate has expired. Writes admin.key, admin.crt and ca.crt (0600)"
          + " into a new directory. With the embedded store, stop the controller first."
    },
    footer = {
      "%nExamples:",
      "  cordon controller owner-credential --data-dir /var/lib/cordon-controller",
      "  cordon controller owner-credential --store etcd://10.0.0.5:2379 --out /root/owner"
    })
public final class OwnerCredentialCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;

  @Spec CommandSpec spec;

  /** The time; tests move it. */
  Clock clock = Clock.systemUTC();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The controller's properties file (data-dir, trust-domain, store, etcd-*).")
  Path config;

  @Option(
      names = "--trust-domain",
      defaultValue = "cordon.local",
      description = "Trust domain of this deployment (default: ${DEFAULT-VALUE}).")
  String trustDomain;

  @Mixin StoreOptions storeOptions = new StoreOptions();

  @Option(
      names = "--admin",
      defaultValue = ControllerRuntime.OWNER_NAME,
      paramLabel = "NAME",
      description = "Which admin to re-issue (default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to write the credential; must not hold one already (default: a new"
              + " owner-credential-<time> directory in the data directory).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      recover(stdout);
      return EXIT_OK;
    } catch (IOException | RuntimeException e) {
      err.println("cordon controller owner-credential: " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    }
  }

  private void recover(PrintWriter stdout) throws IOException {
    ConfigFile file = ConfigFile.read(config, spec.commandLine().getParseResult());
    Path data = storeOptions.dataDir(file).toAbsolutePath();
    // Bad store flags are a usage mistake: say so before looking for the CA.
    String storeValue = storeOptions.store(file);
    Path caDir = data.resolve("ca");
    if (!Files.exists(caDir)) {
      throw new IllegalArgumentException(
          "no CA in " + caDir + "; run this on the controller host with its --data-dir");
    }
    CertificateAuthority ca =
        CertificateAuthority.load(CaConfig.of(caDir, file.value("--trust-domain", trustDomain)));
    Path target = out != null ? out.toAbsolutePath() : data.resolve(defaultName());
    if (Files.exists(target.resolve(OwnerCredential.KEY))) {
      throw new IllegalArgumentException(
          target.resolve(OwnerCredential.KEY) + " exists; choose another --out");
    }
    try (Store opened =
        ControllerStores.open(
            storeValue,
            data,
            storeOptions.etcdTls(file),
            new PrintWriter(java.io.Writer.nullWriter()))) {
      KeyPair keys = LocalKeys.p256(new SecureRandom());
      AuditLog audit = new AuditLog(opened, clock, "owner-credential");
      Renewed renewed =
          new AdminRenewal(opened, ca, new StoreRevocationList(opened), audit, clock)
              .recover(operator(), admin, LocalKeys.csr(keys));
      OwnerCredential.write(target, keys.getPrivate(), renewed.certificate(), renewed.caBundle());
      stdout.printf(
          "admin %s: new credential written to %s (%s, %s, %s; mode 0600), valid until %s;"
              + " audited in the store%n",
          admin,
          target,
          OwnerCredential.CERT,
          OwnerCredential.KEY,
          OwnerCredential.CA,
          renewed.certificate().getNotAfter().toInstant());
      stdout.flush();
    }
  }

  private String defaultName() {
    return "owner-credential-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(clock.instant());
  }

  /** Who did it, as far as this host knows: the audit entry's principal. */
  private static String operator() {
    String user = System.getProperty("user.name", "unknown");
    try {
      return "local:" + user + "@" + InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "local:" + user;
    }
  }
}
