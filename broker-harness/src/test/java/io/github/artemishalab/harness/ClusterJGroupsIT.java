package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose members know no seeds and find each other on a JGroups channel (TCP, FILE_PING in the lab
 * directory), as {@code ./lab up --mode cluster --discovery jgroups} starts it: a member killed and restarted must
 * find the others again through the channel, and a clean stop must find a sibling to scale down to through it.
 */
class ClusterJGroupsIT {

    @Test
    void membersFindEachOtherWelcomeAKilledOneBackAndScaleDownThroughTheChannel(@TempDir Path tmp)
            throws Exception {
        int base = PortCheck.freeBasePort("127.0.0.1", Mode.CLUSTER, 3);
        try (Cli lab = new Cli(tmp.resolve("lab"))) {
            Cli.Result up = lab.ok("up", "--mode", "cluster", "--discovery", "jgroups", "--base-port",
                    Integer.toString(base));
            assertThat(up.out()).contains("Cluster ready in");
            assertThat(members(lab)).containsOnly(Map.entry("node1", 3), Map.entry("node2", 3),
                    Map.entry("node3", 3));
            try (Stream<Path> files = Files.walk(tmp.resolve("lab").resolve("jgroups"))) {
                assertThat(files.filter(Files::isRegularFile)).as("FILE_PING's member files").isNotEmpty();
            }
            assertThat(Files.readString(tmp.resolve("lab").resolve("lab.json"))).contains("node-jgroups.xml");
            assertThat(lab.ok("start", "node1").out()).startsWith("node1 is already running (pid ")
                    .contains("active): nothing to start.");

            // Not asserted: how soon the others drop the killed member from their topology. Here it took about 1 s;
            // in one CI run they still counted it 30 s later (not understood yet).
            lab.ok("kill", "node2");
            lab.ok("start", "node2"); // returns once node2 sees all three again, through the channel
            // Once (a loaded machine, load 5 on 2 cores) the others and node2 lost each other again right after
            // the start and had not re-formed 30 s later; the cause is not found yet, so the wait allows a
            // rediscovery (refresh-timeout 10 s) and more.
            await("node2 back for everyone").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(members(lab)).containsOnly(Map.entry("node1", 3), Map.entry("node2", 3),
                            Map.entry("node3", 3)));

            lab.ok("send", "--node", "node3", "--queue", "found", "--count", "40", "--rate", "0");
            lab.ok("stop", "node3");
            assertThat(lab.ok("receive", "--queue", "found", "--count", "40", "--timeout", "30s").out())
                    .as("scaled down to a member the channel named").contains("Received 40");
            Cli.Result v = lab.run("verify");
            assertThat(v.exitCode()).as(v.out()).isEqualTo(0);

            Cli.Result other = lab.run("up", "--mode", "cluster", "--discovery", "static");
            assertThat(other.exitCode()).isEqualTo(2);
            assertThat(other.err()).contains("holds a cluster with jgroups discovery");
        }
    }

    /** Each running member and how many members it sees, from its own status. */
    private static Map<String, Integer> members(Cli lab) throws Exception {
        JsonNode status = Json.MAPPER.readTree(lab.run("status", "--json").out());
        Map<String, Integer> seen = new TreeMap<>();
        for (JsonNode n : status.get("nodes")) {
            if ("active".equals(n.get("state").asText())) {
                seen.put(n.get("name").asText(), n.get("clusterMembers").asInt());
            }
        }
        return seen;
    }
}
