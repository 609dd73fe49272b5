package io.github.artemishalab.harness.zk;

import io.github.artemishalab.harness.lab.JavaRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The command line that starts one server of an ensemble as its own JVM: {@code java ... lab zk-node ...}. */
public final class ZkNodeLaunch {

    /**
     * JVM options of every ZooKeeper server: a small heap (the lab's ensemble holds a few znodes per pair) and the
     * same start-up choices as the brokers (SerialGC, C1 only) for two cores.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx96m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");

    private ZkNodeLaunch() {
    }

    /**
     * The command for server {@code id} of {@code ensemble}, keeping its files in {@code dataDir} and its status in
     * {@code statusFile}; with {@code exitWith}, it exits within a second of that process ending.
     */
    public static List<String> command(ZkEnsemble ensemble, int id, Path dataDir, Path statusFile,
                                       OptionalLong exitWith) {
        return command(ensemble, id, dataDir, statusFile, exitWith, null);
    }

    /** As above, with TLS from {@code tls} (its password goes by the environment, not here). */
    public static List<String> command(ZkEnsemble ensemble, int id, Path dataDir, Path statusFile,
                                       OptionalLong exitWith, ZkTls tls) {
        ZkServer server = ensemble.server(id);
        List<String> cmd = new ArrayList<>();
        cmd.add(JavaRuntime.javaExecutable().toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(JavaRuntime.classpath());
        cmd.add("io.github.artemishalab.harness.cli.LabMain");
        cmd.add("zk-node");
        cmd.addAll(List.of("--id", Integer.toString(id),
                "--name", server.name(),
                "--host", server.host(),
                "--client-port", Integer.toString(server.clientPort()),
                "--servers", ensemble.serversOption(),
                "--data-dir", dataDir.toAbsolutePath().toString(),
                "--status-file", statusFile.toAbsolutePath().toString()));
        exitWith.ifPresent(pid -> cmd.add("--exit-with=" + pid));
        if (tls != null) {
            cmd.addAll(List.of("--tls-keystore", tls.keyStore(), "--tls-truststore", tls.trustStore()));
            if (tls.clientAuth()) {
                cmd.add("--tls-client-auth");
            }
        }
        return cmd;
    }
}
