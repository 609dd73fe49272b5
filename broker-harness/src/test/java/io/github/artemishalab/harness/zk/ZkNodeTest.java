package io.github.artemishalab.harness.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.harness.cli.LabCommand;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.PortCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ZooKeeper node's settings, its zoo.cfg, its status file and its command's refusals. No server starts here. */
class ZkNodeTest {

    @TempDir
    Path tmp;

    private static ZkEnsemble ensemble() {
        AtomicInteger port = new AtomicInteger(2180);
        return ZkEnsemble.of(3, "127.0.0.1", port::incrementAndGet);
    }

    @Test
    void anEnsembleGivesTheBrokersTheirConnectStringAndEachServerItsPeers() {
        ZkEnsemble e = ensemble();
        assertThat(e.connectString()).isEqualTo("127.0.0.1:2181,127.0.0.1:2184,127.0.0.1:2187");
        assertThat(e.serversOption())
                .isEqualTo("1=127.0.0.1:2182:2183,2=127.0.0.1:2185:2186,3=127.0.0.1:2188:2189");
        assertThat(e.quorum()).isEqualTo(2);
        assertThat(e.server(2).name()).isEqualTo("zk2");
        assertThat(ZkNodeConfig.parseServers(e.serversOption())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                1, "127.0.0.1:2182:2183", 2, "127.0.0.1:2185:2186", 3, "127.0.0.1:2188:2189")));
    }

    @Test
    void anEnsembleRefusesFewerThanThreeServersAndSharedIdsOrPorts() {
        assertThatThrownBy(() -> new ZkEnsemble(List.of(new ZkServer(1, "h", 1, 2, 3), new ZkServer(2, "h", 4, 5, 6))))
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> new ZkEnsemble(List.of(new ZkServer(1, "h", 1, 2, 3), new ZkServer(1, "h", 4, 5, 6),
                new ZkServer(3, "h", 7, 8, 9)))).hasMessageContaining("server id 1 twice");
        assertThatThrownBy(() -> new ZkEnsemble(List.of(new ZkServer(1, "h", 1, 2, 3), new ZkServer(2, "h", 4, 5, 6),
                new ZkServer(3, "h", 7, 8, 3)))).hasMessageContaining("port 3 on h twice");
        assertThatThrownBy(() -> new ZkServer(0, "h", 1, 2, 3)).hasMessageContaining("1..255");
    }

    @Test
    void zooCfgHasTheLabsTimingsItsOwnAddressesAndEveryServer(@TempDir Path data) {
        ZkNodeConfig c = new ZkNodeConfig(2, "127.0.0.1", 2184, ZkNodeConfig.parseServers(ensemble().serversOption()),
                ZkNodeConfig.DEFAULT_TICK_MS);
        assertThat(c.zooCfg(data).lines()).contains("tickTime=200", "initLimit=10", "syncLimit=5",
                "dataDir=" + data.toAbsolutePath(), "clientPort=2184", "clientPortAddress=127.0.0.1",
                "maxSessionTimeout=60000", "admin.enableServer=false", "server.1=127.0.0.1:2182:2183",
                "server.2=127.0.0.1:2185:2186", "server.3=127.0.0.1:2188:2189");
    }

    @Test
    void aServerMustBeInItsEnsembleOfThreeAndEachEntryInZooKeepersForm() {
        assertThatThrownBy(() -> new ZkNodeConfig(4, "127.0.0.1", 1, ZkNodeConfig.parseServers(
                ensemble().serversOption()), 200)).hasMessageContaining("does not list this server's id 4");
        assertThatThrownBy(() -> new ZkNodeConfig(1, "127.0.0.1", 1, ZkNodeConfig.parseServers(
                "1=127.0.0.1:2:3,2=127.0.0.1:4:5"), 200)).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> ZkNodeConfig.parseServers("1=127.0.0.1:2888")).hasMessageContaining(
                "'1=127.0.0.1:2888' is not id=host:peerPort:electionPort");
        assertThatThrownBy(() -> ZkNodeConfig.parseServers("1=a:1:2,1=b:3:4")).hasMessageContaining("listed twice");
    }

    @Test
    void theStatusFileReadsBackWithTheStateAsZooKeeperNamesIt() throws Exception {
        Path file = tmp.resolve("status.json");
        ZkNodeStatus s = new ZkNodeStatus("zk1", 1, ZkState.FOLLOWING, true, 3, 2, 42, 1000, "127.0.0.1:2181", 2000,
                3000, "3.9.5", 1100);
        Json.writeAtomically(file, s);
        assertThat(Files.readString(file)).contains("\"state\" : \"following\"");
        assertThat(Json.read(file, ZkNodeStatus.class)).isEqualTo(s);
        assertThat(ZkState.LEADING.inQuorum()).isTrue();
        assertThat(ZkState.LOOKING.inQuorum()).isFalse();
    }

    @Test
    void theLaunchCommandRunsTheHiddenZkNodeCommandWithTheEnsemble() {
        ZkEnsemble e = ensemble();
        List<String> cmd = ZkNodeLaunch.command(e, 3, tmp.resolve("d"), tmp.resolve("s.json"), OptionalLong.of(7));
        assertThat(cmd).containsSubsequence("-Xmx96m", "io.github.artemishalab.harness.cli.LabMain", "zk-node",
                "--id", "3", "--name", "zk3", "--host", "127.0.0.1", "--client-port", "2187",
                "--servers", e.serversOption(), "--data-dir", tmp.resolve("d").toString());
        assertThat(cmd).endsWith("--exit-with=7");
    }

    @Test
    void theCommandRefusesBadInputWithOneLine() throws Exception {
        assertOneLineError(run("zk-node", "--id", "1", "--data-dir", tmp.toString(), "--client-port", "2181",
                "--servers", "1=127.0.0.1:2888"), "is not id=host:peerPort:electionPort");
        assertOneLineError(run("zk-node", "--id", "9", "--data-dir", tmp.toString(), "--client-port", "2181",
                "--servers", ensemble().serversOption()), "does not list this server's id 9");

        // a data directory that another server of the ensemble owns
        ZkEnsemble free = ZkEnsemble.of(3, "127.0.0.1", PortCheck::freePort);
        Path data = tmp.resolve("zk2");
        Files.createDirectories(data);
        Files.writeString(data.resolve("myid"), "1\n");
        assertOneLineError(run("zk-node", "--id", "2", "--data-dir", data.toString(), "--client-port",
                Integer.toString(free.server(2).clientPort()), "--servers", free.serversOption(),
                "--status-file", tmp.resolve("s.json").toString()), "belongs to ZooKeeper server 1, not 2");
    }

    private record Result(int exitCode, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LabCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), err.toString());
    }

    private static void assertOneLineError(Result r, String fragment) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("lab: ").contains(fragment).doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }
}
