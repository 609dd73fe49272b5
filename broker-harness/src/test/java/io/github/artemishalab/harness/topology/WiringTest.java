package io.github.artemishalab.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.lab.LabConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WiringTest {

    @Test
    void aWildcardBindAddressIsAnnouncedAndHandedToClientsAsThisMachinesName() throws Exception {
        String name = InetAddress.getLocalHost().getHostName();
        assertThat(Wiring.reachable("0.0.0.0")).isEqualTo(name);
        assertThat(Wiring.reachable("10.1.2.3")).isEqualTo("10.1.2.3");

        LabConfig exposed = LabConfig.create(Mode.REPLICATION, "0.0.0.0", 40000, true);
        assertThat(exposed.faultProxy()).as("the proxy stands on loopback only").isFalse();
        assertThat(exposed.wiring().announcedHost()).isEqualTo(name);
        assertThat(exposed.wiring().bindHost(exposed.node("primary"))).as("it still binds every interface")
                .isEqualTo("0.0.0.0");
        assertThat(exposed.haUrl()).startsWith("(tcp://" + name + ":40000,tcp://" + name + ":40100)?")
                .doesNotContain("0.0.0.0");
    }
}
