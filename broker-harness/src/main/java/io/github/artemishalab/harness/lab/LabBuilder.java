package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.tls.TlsOptions;
import io.github.artemishalab.harness.topology.Discovery;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Configures a new {@link Lab}: {@code Lab.builder().mode(Mode.REPLICATION).dir(tmp).build()}. Unset, the lab runs
 * in replication on 127.0.0.1 with free ports, failback on, and its nodes exit when this JVM does.
 */
public final class LabBuilder {

    private Mode mode = Mode.REPLICATION;
    private int size = io.github.artemishalab.harness.topology.Topology.DEFAULT_CLUSTER_SIZE;
    private Discovery discovery = Discovery.STATIC;
    private TlsOptions tls = TlsOptions.OFF;
    private Path dir;
    private String host = "127.0.0.1";
    private Integer basePort;
    private boolean failback = true;
    private boolean verbose;
    private boolean boundToThisJvm = true;
    private Path faultLedger;
    private boolean faultProxy = true;
    private Consumer<String> classDataNote;
    private LabConfig.Hooks hooks = LabConfig.Hooks.NONE;

    LabBuilder() {
    }

    public LabBuilder mode(Mode m) {
        this.mode = m;
        return this;
    }

    /** How many brokers a {@link Mode#CLUSTER} lab has (default 3); a pair ignores it. */
    public LabBuilder size(int brokers) {
        this.size = brokers;
        return this;
    }

    /** The lab directory; its pair state is reset on {@link #build()}, its {@code runs/} kept. Required. */
    /** How the members of a {@link Mode#CLUSTER} find each other (default: static seeds). */
    public LabBuilder discovery(Discovery d) {
        this.discovery = d;
        return this;
    }

    public LabBuilder dir(Path d) {
        this.dir = d;
        return this;
    }

    public LabBuilder host(String h) {
        this.host = h;
        return this;
    }

    /** The primary's port (the backup's is 100 above); unset, a free pair is picked. */
    public LabBuilder basePort(int port) {
        this.basePort = port;
        return this;
    }

    public LabBuilder failback(boolean on) {
        this.failback = on;
        return this;
    }

    /** Artemis's own logs in the nodes' log files. */
    public LabBuilder verbose(boolean on) {
        this.verbose = on;
        return this;
    }

    /**
     * Whether the nodes exit by themselves when this JVM ends, even by SIGKILL (default: yes). A lab that must
     * outlive its starter, as {@code lab up}'s does, says no.
     */
    public LabBuilder boundToThisJvm(boolean bound) {
        this.boundToThisJvm = bound;
        return this;
    }

    /**
     * Whether every link goes through the lab's fault proxy, so that {@link Lab#network()} can cut it (default: yes,
     * on loopback).
     */
    public LabBuilder faultProxy(boolean on) {
        this.faultProxy = on;
        return this;
    }

    /** Where faults and role changes go (default: the lab directory's {@code ledgers/faults.jsonl}). */
    public LabBuilder faultLedger(Path file) {
        this.faultLedger = file;
        return this;
    }

    /** Starts brokers from the lab jar's class-data archive, recording it first if needed ({@code note} says so). */
    public LabBuilder classDataArchive(Consumer<String> note) {
        this.classDataNote = note;
        return this;
    }

    /** Commands every broker runs when it becomes active or a backup (see {@code lab up --on-active}). */
    public LabBuilder hooks(String onActive, String onBackup) {
        this.hooks = new LabConfig.Hooks(onActive, onBackup);
        return this;
    }

    /** TLS on every link, as {@code lab up --tls [--client-auth]}: the lab makes its CA and stores. */
    public LabBuilder tls(TlsOptions t) {
        this.tls = t;
        return this;
    }

    /** TLS on every link, without client certificates. */
    public LabBuilder tls() {
        return tls(new TlsOptions(true, false));
    }

    /** Writes the lab directory (configs, users, {@code lab.json}); starts nothing. */
    public Lab build() {
        if (dir == null) {
            throw new LabException(LabException.USAGE, "a lab needs a directory: Lab.builder().dir(path)");
        }
        LabDirectory d = new LabDirectory(dir);
        LabConfig config = LabConfig.create(mode, size, discovery, host,
                basePort != null ? basePort : PortCheck.freeBasePort(host, mode, size), failback, faultProxy)
                .with(hooks)
                .with(tls.enabled() ? LabConfig.Tls.generate(tls.clientAuth()).at(d.tls().dir()) : LabConfig.Tls.OFF);
        Supervisor supervisor = new Supervisor(d, config, verbose);
        supervisor.requireIdle();
        d.purgePair();
        d.prepare(config);
        d.save(config);
        if (faultLedger != null) {
            supervisor = supervisor.withFaultLedger(new FaultLedger(faultLedger));
        }
        if (classDataNote != null) {
            supervisor = supervisor.withClassDataArchive(classDataNote);
        }
        if (boundToThisJvm) {
            supervisor = supervisor.boundTo(ProcessHandle.current().pid());
        }
        return new Lab(supervisor);
    }
}
