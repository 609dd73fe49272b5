package io.github.artemishalab.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Client ids name the senders' duplicate-detection ids: two clients must never share one. */
class ClientIdTest {

    @Test
    void clientsStartedInTheSameMillisecondGetDistinctIds() {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 10_000).parallel().mapToObj(i -> ClientConfig.newId("sender")).forEach(id -> {
            synchronized (ids) {
                ids.add(id);
            }
        });
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("sender-[0-9a-z]+-[0-9a-z]+"));
    }
}
