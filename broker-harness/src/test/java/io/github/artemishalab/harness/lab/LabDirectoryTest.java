package io.github.artemishalab.harness.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.topology.Mode;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a prepared lab directory holds before any node starts. */
class LabDirectoryTest {

    @TempDir
    Path tmp;

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void prepareWritesTheConfigsTheOwnerOnlyUsersAndTheJndiFileTheClientsRead() throws Exception {
        LabDirectory dir = new LabDirectory(tmp.resolve("lab"));
        LabConfig config = LabConfig.create(Mode.REPLICATION, "127.0.0.1", 40000, true);
        dir.prepare(config);

        assertThat(dir.root().resolve("configs/replication/primary.xml")).exists();
        assertThat(dir.root().resolve("configs/replication/backup.xml")).exists();
        Path users = dir.root().resolve("etc/artemis-users.properties");
        assertThat(load(users).getProperty(config.user().user())).isEqualTo(config.user().password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        assertThat(load(dir.root().resolve("etc/artemis-roles.properties")).getProperty("amq"))
                .isEqualTo(config.user().user());
        Properties jndi = load(dir.root().resolve("jndi.properties"));
        assertThat(jndi.getProperty("connectionFactory.ConnectionFactory")).isEqualTo(config.haUrl());
        assertThat(jndi.getProperty("lab.password")).isEqualTo(config.user().password());
    }
}
