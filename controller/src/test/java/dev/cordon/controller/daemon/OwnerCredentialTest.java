package dev.cordon.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.ca.Pem;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OwnerCredentialTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  /** A controller that first started 13 hours ago: its owner's 12 h certificate has expired. */
  private void startedLongAgo() {
    ControllerSettings settings =
        new ControllerSettings(
            "c1",
            new InetSocketAddress("127.0.0.1", 0),
            dir,
            "cordon.local",
            "sqlite",
            "127.0.0.1:7443",
            AddressPool.DEFAULT,
            Optional.empty(),
            List.of(),
            IssuanceOptions.DEFAULT,
            Optional.empty(),
            Optional.empty());
    Clock past = Clock.offset(Clock.systemUTC(), Duration.ofHours(-13));
    try (ControllerRuntime runtime =
        ControllerRuntime.start(settings, past, new PrintWriter(java.io.Writer.nullWriter()))) {
      assertTrue(runtime.port() > 0);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new ControllerCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static X509Certificate certificate(Path credential) throws Exception {
    return Pem.readCertificate(Files.readAllBytes(credential.resolve(OwnerCredential.CERT)));
  }

  @Test
  void anExpiredOwnerGetsANewPrivateCredentialFromTheCaOnTheHostAndItIsAudited() throws Exception {
    startedLongAgo();
    X509Certificate old = certificate(dir.resolve("owner-credential"));
    assertTrue(old.getNotAfter().toInstant().isBefore(Instant.now()), "the old one expired");
    Path out = dir.resolve("fresh");

    Run run = run("owner-credential", "--data-dir", dir.toString(), "--out", out.toString());

    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.out().startsWith("admin owner: new credential written to " + out + " (admin.crt"),
        run.out());
    X509Certificate fresh = certificate(out);
    fresh.checkValidity();
    assertEquals(
        String.valueOf(old.getSubjectAlternativeNames()),
        String.valueOf(fresh.getSubjectAlternativeNames()));
    for (String file : List.of(OwnerCredential.KEY, OwnerCredential.CERT, OwnerCredential.CA)) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(file))),
          file);
    }
    try (Store store =
        Store.openSqlite(dir.toAbsolutePath().resolve("store"), SqliteStoreOptions.DEFAULT)) {
      AuditEntry last =
          new AuditLog(store, Clock.systemUTC(), "test")
              .query(AuditQuery.all()).entries().stream()
                  .filter(e -> e.action() == AuditAction.RENEW)
                  .reduce((a, b) -> b)
                  .orElseThrow();
      assertEquals("admin/owner", last.target());
      assertEquals(AuditOutcome.SUCCESS, last.outcome());
      assertTrue(last.principal().startsWith("local:"), last.principal());
    }
  }

  @Test
  void withoutOutTheCredentialGoesToANewDirectoryInTheDataDirectory() throws Exception {
    startedLongAgo();

    Run run = run("owner-credential", "--data-dir", dir.toString());

    assertEquals(0, run.exit(), run.err());
    Path written = Path.of(run.out().replaceAll("(?s).*written to (\\S+) \\(.*", "$1"));
    assertEquals(dir.toAbsolutePath(), written.getParent());
    assertTrue(written.getFileName().toString().startsWith("owner-credential-"));
    certificate(written).checkValidity();
  }

  @Test
  void anExistingCredentialIsNeverOverwritten() throws Exception {
    startedLongAgo();
    Path existing = dir.resolve("owner-credential");
    byte[] before = Files.readAllBytes(existing.resolve(OwnerCredential.KEY));

    Run run = run("owner-credential", "--data-dir", dir.toString(), "--out", existing.toString());

    assertEquals(1, run.exit());
    assertEquals(
        "cordon controller owner-credential: "
            + existing.toAbsolutePath().resolve(OwnerCredential.KEY)
            + " exists; choose another --out\n",
        run.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(existing.resolve("admin.key"))));
  }

  @Test
  void aDirectoryWithoutACaSaysWhereToRunIt() {
    Run run = run("owner-credential", "--data-dir", dir.resolve("elsewhere").toString());

    assertEquals(1, run.exit());
    assertTrue(run.err().contains("no CA in "), run.err());
    assertTrue(run.err().contains("run this on the controller host"), run.err());
  }
}
