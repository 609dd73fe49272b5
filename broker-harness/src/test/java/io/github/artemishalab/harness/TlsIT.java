package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.tls.LabTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab up --tls --client-auth}: one replicated pair, shared by the tests below (none changes it). The failover
 * and failback of both modes over TLS, under exactly-once traffic, are DrillIT's drills.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {

    @TempDir
    static Path tmp;

    private Cli cli;
    private LabConfig config;
    private String port;

    @BeforeAll
    void up() {
        cli = new Cli(tmp.resolve("lab"));
        Cli.Result r = cli.up("replication", "--tls", "--client-auth");
        assertThat(r.out()).contains("Starting a replication pair (TLS, client certificates)");
        config = new LabDirectory(cli.dir()).load();
        port = Integer.toString(config.basePort());
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.close();
        }
    }

    @Test
    void theLabsOwnClientsTalkTlsAndPresentTheirCertificate() {
        assertThat(cli.ok("status").out()).contains("HA URL").contains("sslEnabled=true")
                .contains("keyStorePath=" + cli.dir().resolve("tls/client.p12").toAbsolutePath());
        cli.ok("send", "--count", "40", "--delivery", "exactly-once");
        cli.ok("receive", "--idle-timeout", "3s", "--delivery", "exactly-once");
        assertThat(cli.ok("verify").out()).contains("Verdict: OK");
    }

    @Test
    void aPlaintextClientIsToldTheBrokerSpeaksTls() {
        Cli.Result r = cli.run("send", "--count", "1", "--url", "tcp://127.0.0.1:" + port, "--connect-timeout", "60s");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("the broker at 127.0.0.1:" + port + " speaks TLS and this URL does not");
        // one client turned away again and again must not shut the node's door for the others (the fault proxy)
        cli.ok("send", "--count", "5", "--connect-timeout", "20s");
    }

    @Test
    void aClientWithAnotherCasTruststoreIsToldItDoesNotTrustTheBroker() {
        LabTls other = new LabTls(tmp.resolve("other"));
        other.ensure("other", List.of(), config.tls().password());
        Cli.Result r = cli.run("send", "--count", "1", "--connect-timeout", "60s", "--url", "tcp://127.0.0.1:" + port
                + "?sslEnabled=true&trustStorePath=" + other.truststore() + "&trustStorePassword="
                + config.tls().password() + "&keyStorePath=" + other.keystore(LabTls.CLIENT) + "&keyStorePassword="
                + config.tls().password());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("shows a certificate (O=artemis-ha-lab,CN=primary")
                .contains("that the truststore " + other.truststore() + " does not trust");
    }

    @Test
    void aClientWithoutACertificateIsToldTheBrokerDemandsOne() {
        Cli.Result r = cli.run("send", "--count", "1", "--connect-timeout", "60s", "--url", "tcp://127.0.0.1:" + port
                + "?sslEnabled=true&trustStorePath=" + cli.dir().resolve("tls/truststore.p12").toAbsolutePath()
                + "&trustStorePassword=" + config.tls().password());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("demands a client certificate").contains("this URL names none");
    }

    @Test
    void keysAndCredentialsAreTheOwnersOnly() throws IOException {
        assertThat(mode(cli.dir().resolve("tls"))).isEqualTo("rwx------");
        List<Path> secrets = new ArrayList<>(List.of(cli.dir().resolve("lab.json"),
                cli.dir().resolve("jndi.properties"), cli.dir().resolve("etc/artemis-users.properties")));
        try (Stream<Path> tls = Files.list(cli.dir().resolve("tls"))) {
            secrets.addAll(tls.toList());
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(8);
        for (Path f : secrets) {
            assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void noPasswordIsOnAnyProcesssCommandLineAndStatusStillShowsTheCredentials() throws IOException {
        List<String> secrets = List.of(config.tls().password(), config.user().password(), config.cluster().password());
        List<String> lines = commandLines();
        assertThat(lines).as("command lines").anyMatch(l -> l.contains("--name primary"))
                .anyMatch(l -> l.contains("--name backup"));
        for (String secret : secrets) {
            assertThat(lines).as("command lines (as ps shows them) holding a password")
                    .noneMatch(l -> l.contains(secret));
        }
        assertThat(cli.ok("status", "--json").out()).contains(config.user().password());
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Every process's arguments, as {@code ps -eo args} shows them. */
    private static List<String> commandLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    lines.add(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' '));
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return lines;
    }
}
