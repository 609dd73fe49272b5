package io.github.artemishalab.harness.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.net.LinkRule;
import io.github.artemishalab.harness.net.ProxyMain;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code partition}, {@code isolate}, {@code delay} and {@code heal} do to a lab's links, through a real fault
 * proxy running in this JVM on the lab's wiring (no broker: the links' rules, not the traffic, are under test here).
 */
class NetworkTest {

    @TempDir
    Path tmp;

    private final ExecutorService proxyThread = Executors.newSingleThreadExecutor();
    private Supervisor supervisor;
    private Network net;

    @BeforeEach
    void startProxy() {
        LabDirectory dir = new LabDirectory(tmp.resolve("lab"));
        LabConfig config = LabConfig.create(Mode.REPLICATION, "127.0.0.1", PortCheck.freePortPair("127.0.0.1"), true);
        dir.prepare(config);
        dir.save(config);
        supervisor = new Supervisor(dir, config, false);
        Json.writeAtomically(supervisor.proxy().linksFile(), config.wiring().links());
        // the proxy's pid record names this JVM: Network only asks that the proxy process lives
        Json.writeAtomically(supervisor.proxy().pidFile(), ProcessRecord.of(ProcessHandle.current()));
        proxyThread.submit(() -> ProxyMain.run(dir.net(), OptionalLong.empty()));
        org.awaitility.Awaitility.await("proxy listening").atMost(Duration.ofSeconds(10))
                .until(() -> dir.net().resolve(ProxyMain.STATUS).toFile().exists());
        net = new Network(supervisor);
    }

    @AfterEach
    void stopProxy() {
        proxyThread.shutdownNow();
    }

    private Map<String, String> rules() {
        return net.links().stream().collect(Collectors.toMap(l -> l.link().id(),
                l -> l.rule().cut() + "/" + l.rule().delayMillis()));
    }

    private List<LedgerEvent.Fault> faults() {
        return Ledger.read(supervisor.faults().file()).stream().filter(e -> e instanceof LedgerEvent.Fault)
                .map(e -> (LedgerEvent.Fault) e).toList();
    }

    @Test
    void aPartitionCutsBothDirectionsBetweenTwoNodesOnly() {
        net.partition("primary", "backup", Cut.DROP);
        assertThat(rules()).containsEntry("primary->backup", "DROP/0").containsEntry("backup->primary", "DROP/0")
                .containsEntry("clients->primary", "NONE/0").containsEntry("clients->backup", "NONE/0");
        assertThat(net.links()).filteredOn(Network.LinkView::cut).hasSize(2);
    }

    @Test
    void isolateCutsEveryLinkOfTheNodeAndAPartialHealLeavesTheOthersCut() {
        net.isolate("primary", Cut.RESET);
        assertThat(rules()).containsEntry("primary->backup", "RESET/0").containsEntry("backup->primary", "RESET/0")
                .containsEntry("clients->primary", "RESET/0").containsEntry("clients->backup", "NONE/0");
        net.heal("primary", "clients");
        assertThat(rules()).containsEntry("clients->primary", "NONE/0").containsEntry("backup->primary", "RESET/0");
        net.heal();
        assertThat(net.links()).noneMatch(Network.LinkView::cut);
    }

    @Test
    void aDelayKeepsACutAndHealRemovesBoth() {
        net.delay("backup", Duration.ofMillis(200));
        net.partition("backup", "clients", Cut.DROP);
        assertThat(rules()).containsEntry("clients->backup", "DROP/200").containsEntry("primary->backup", "NONE/200")
                .containsEntry("clients->primary", "NONE/0");
        net.delay("backup", Duration.ZERO);
        assertThat(rules()).containsEntry("clients->backup", "DROP/0");
        net.heal();
        assertThat(net.links()).allMatch(l -> l.rule().equals(LinkRule.OPEN));
    }

    @Test
    void everyChangeIsAFaultLineAtTheMomentTheProxyAppliedIt() {
        long before = System.currentTimeMillis();
        net.partition("primary", "clients", Cut.DROP);
        net.isolate("backup", Cut.RESET);
        net.delay("primary", Duration.ofMillis(50));
        net.heal();
        long after = System.currentTimeMillis();
        assertThat(faults()).extracting(LedgerEvent.Fault::kind, LedgerEvent.Fault::node).containsExactly(
                org.assertj.core.groups.Tuple.tuple("partition", "primary/clients"),
                org.assertj.core.groups.Tuple.tuple("isolate", "backup"),
                org.assertj.core.groups.Tuple.tuple("delay", "primary"),
                org.assertj.core.groups.Tuple.tuple("heal", "all"));
        assertThat(faults()).allSatisfy(f -> assertThat(f.t()).isBetween(before, after));
    }

    @Test
    void unknownNodesAreRefusedBeforeAnyRuleChanges() {
        assertThatThrownBy(() -> net.partition("primary", "tertiary", Cut.DROP)).isInstanceOf(LabException.class)
                .hasMessageContaining("unknown node 'tertiary'");
        assertThatThrownBy(() -> net.isolate("clients", Cut.DROP)).isInstanceOf(LabException.class)
                .hasMessageContaining("unknown node 'clients'");
        assertThat(net.links()).noneMatch(Network.LinkView::cut);
        assertThat(faults()).isEmpty();
    }
}
