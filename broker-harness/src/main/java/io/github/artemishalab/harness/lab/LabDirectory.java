package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.ClientMain;
import io.github.artemishalab.harness.node.StateJournal;
import io.github.artemishalab.harness.tls.LabTls;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Wiring;
import io.github.artemishalab.harness.zk.ZkNodeStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One folder that holds everything of a lab run: {@code lab.json}, the configs the nodes run, {@code etc/} (JAAS
 * users), {@code nodes/<name>/{data, broker.log, pid, status.json}} and, for shared-store, {@code shared/data}.
 */
public final class LabDirectory {

    /** Where the lab lives when {@code --lab-dir} and {@code LAB_DIR} are not given. */
    public static final String DEFAULT_NAME = "lab-data";

    private final Path root;

    public LabDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("lab.json");
    }

    public Path nodeDir(String name) {
        return root.resolve("nodes").resolve(name);
    }

    public Path statusFile(String name) {
        return nodeDir(name).resolve("status.json");
    }

    public Path pidFile(String name) {
        return nodeDir(name).resolve("pid.json");
    }

    public Path logFile(String name) {
        return nodeDir(name).resolve("broker.log");
    }

    /** Where the clients' ledgers and the lab's fault log go. */
    public Path ledgers() {
        return root.resolve("ledgers");
    }

    /** The lab's own ledger: faults it injected and node state changes it saw. */
    public Path faultLedger() {
        return ledgers().resolve("faults.jsonl");
    }

    /** The fault proxy's folder: its links, the rules the CLI writes, what it applied, its log and hosts files. */
    public Path net() {
        return root.resolve("net");
    }

    /** The hosts file of node {@code name}'s JVM, behind the fault proxy. */
    public Path hostsFile(String name) {
        return net().resolve("hosts-" + name);
    }

    public Path etc() {
        return root.resolve("etc");
    }

    public Path loginConfig() {
        return etc().resolve("login.config");
    }

    public boolean exists() {
        return Files.exists(configFile());
    }

    public LabConfig load() {
        if (!exists()) {
            throw new LabException(LabException.USAGE, "no lab in " + root + ": start one with ./lab up");
        }
        try {
            LabConfig config = Json.read(configFile(), LabConfig.class);
            // the stores are where this directory is now, wherever it was when the lab was made
            return config.with(config.tls().at(tls().dir()));
        } catch (IOException e) {
            throw new LabException("cannot read " + configFile() + ": " + e.getMessage());
        }
    }

    public void save(LabConfig config) {
        Json.writeAtomically(configFile(), config);
    }

    public Optional<NodeStatus> readStatus(String name) {
        return readStatus(statusFile(name));
    }

    /** What a broker node last wrote in this status file; empty while it has written none. */
    public static Optional<NodeStatus> readStatus(Path statusFile) {
        try {
            return Optional.of(Json.read(statusFile, NodeStatus.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What a ZooKeeper server of the lab last wrote about itself. */
    public Optional<ZkNodeStatus> readZkStatus(String name) {
        try {
            return Optional.of(Json.read(statusFile(name), ZkNodeStatus.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<ProcessRecord> readPid(String name) {
        try {
            return Optional.of(Json.read(pidFile(name), ProcessRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Holds the lab directory for one command that changes it; a second such command on the same directory is
     * refused rather than allowed to race.
     */
    public LabLock lock(String command) {
        try {
            Files.createDirectories(root);
            FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            Path holderFile = root.resolve(".lock.holder");
            if (lock == null) {
                channel.close();
                String holder = Files.exists(holderFile) ? Files.readString(holderFile).strip() : "another lab command";
                throw new LabException(LabException.USAGE, "lab directory " + root + " is in use by " + holder
                        + "; wait for it, or use another --lab-dir");
            }
            Files.writeString(holderFile, "lab " + command + " (pid " + ProcessHandle.current().pid() + ")");
            return new LabLock(channel, lock);
        } catch (IOException e) {
            throw new LabException("cannot lock lab directory " + root + ": " + e.getMessage());
        }
    }

    private static final Pattern JGROUPS_FILE = Pattern.compile("<jgroups-file>([^<]+)</jgroups-file>");

    private static void copyConfig(Mode mode, Path target) throws IOException {
        String resource = "/broker-configs/" + mode.id() + "/" + target.getFileName();
        try (InputStream in = LabDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LabException("the lab jar lacks " + resource + ": rebuild it");
            }
            Files.copy(in, target);
        }
    }

    /** The lab's CA, keystores and truststore ({@code tls/}). */
    public LabTls tls() {
        return new LabTls(root);
    }

    /** Where the members of a cluster with JGroups discovery find each other (FILE_PING). */
    public Path jgroupsDir() {
        return root.resolve("jgroups");
    }

    /** Writes the configs for this mode and the JAAS files, keeping any a user already edited. */
    public void prepare(LabConfig config) {
        try {
            for (NodeSpec node : config.nodes()) {
                Path target = node.config() == null ? null : root.resolve(node.config());
                if (target != null && !Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    copyConfig(config.mode(), target);
                    // a JGroups stack the broker.xml names sits beside it, on the node's classpath (Artemis's etc/)
                    Matcher m = JGROUPS_FILE.matcher(Files.readString(target));
                    while (m.find()) {
                        Path stack = target.resolveSibling(m.group(1).strip());
                        if (!Files.exists(stack)) {
                            copyConfig(config.mode(), stack);
                        }
                    }
                }
                Files.createDirectories(root.resolve(node.dataDir()));
                Files.createDirectories(nodeDir(node.name()));
            }
            Files.createDirectories(etc());
            if (config.tls().enabled()) {
                Wiring wiring = config.wiring();
                tls().ensure(root.toAbsolutePath().getFileName().toString(), config.nodes().stream()
                        .map(n -> new LabTls.Owner(n.name(), List.of(wiring.announcedHost(), config.host(),
                                wiring.bindHost(n)))).toList(),
                        config.tls().password());
            }
            Properties users = new Properties();
            users.setProperty(config.user().user(), config.user().password());
            writeProperties(etc().resolve("artemis-users.properties"), users, "users of this lab directory");
            Properties roles = new Properties();
            roles.setProperty("amq", config.user().user());
            writeProperties(etc().resolve("artemis-roles.properties"), roles, "roles of this lab directory");
            ClientMain.writeJndi(root.resolve("jndi.properties"), config.haUrl(), config.user().user(),
                    config.user().password());
            Files.writeString(loginConfig(), """
                    activemq {
                       org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule required
                           reload=false
                           org.apache.activemq.jaas.properties.user="artemis-users.properties"
                           org.apache.activemq.jaas.properties.role="artemis-roles.properties";
                    };
                    """);
        } catch (IOException e) {
            throw new LabException("cannot prepare lab directory " + root + ": " + e.getMessage());
        }
    }

    /** Writes a properties file readable by its owner only: it holds a password. */
    private static void writeProperties(Path file, Properties p, String what) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "generated by ./lab up: " + what);
        }
    }

    /** Deletes the pair's state (nodes, shared journal, configs, lab.json), keeping runs/ and anything else. */
    public void purgePair() {
        for (String part : List.of("nodes", "shared", "configs", "etc", "net", "tls", "lab.json", "jndi.properties",
                "ledgers")) {
            new LabDirectory(root.resolve(part)).purge();
        }
    }

    /** Copies every node's log into {@code target} (for a drill's run folder). */
    public void copyLogs(Path target) {
        try {
            Files.createDirectories(target);
            Path nodes = root.resolve("nodes");
            if (!Files.isDirectory(nodes)) {
                return;
            }
            try (Stream<Path> s = Files.list(nodes)) {
                for (Path node : s.toList()) {
                    Path log = node.resolve("broker.log");
                    if (Files.exists(log)) {
                        Files.copy(log, target.resolve(node.getFileName() + ".log"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    Path states = node.resolve(StateJournal.FILE);
                    if (Files.exists(states)) {
                        Files.copy(states, target.resolve(node.getFileName() + ".states.jsonl"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy node logs to " + target, e);
        }
    }

    /** Deletes the whole lab directory. */
    public void purge() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** The exclusive hold of {@link #lock(String)}. */
    public static final class LabLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        LabLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel; nothing left to undo
            }
        }
    }
}
