package io.github.artemishalab.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfClientTest {

    // the shape of artemis perf client --json (2.44.0), cut short
    private static final String REPORT = """
            [
            {"sampleType":"interval","warmup":true,"time":1795450952861,"sent":310,"delayed":310,"completed":309,\
            "received":309,"sendTime":{"mean":"3113.99","50":1000,"count":310}},
            {"sampleType":"interval","warmup":false,"time":1795450953902,"sent":474,"delayed":474,"completed":474,\
            "received":470},
            {"sampleType":"interval","warmup":false,"time":1795450954906,"sent":500,"delayed":500,"completed":501,\
            "received":500},
            {"sampleType":"summary","time":1795450957944,"result":"success","totalSent":3085,"totalCompleted":3085,\
            "totalReceived":3085}
            ]""";

    @Test
    void ratesAreTheMeansOfTheMeasuredSecondsWithoutTheWarmUp() throws IOException {
        assertThat(PerfClient.parse(REPORT)).isEqualTo(new PerfClient.Rates(488, 485));
    }

    @Test
    void aFailedOrEmptyRunIsAnErrorNotAFigure() {
        assertThatThrownBy(() -> PerfClient.parse(REPORT.replace("success", "fail"))).hasMessageContaining("failed");
        assertThatThrownBy(() -> PerfClient.parse("[\n]")).hasMessageContaining("no measured second");
        assertThatThrownBy(() -> PerfClient.parse("{}")).hasMessageContaining("not a JSON array");
    }

    @Test
    void theProducerWaitsForTheBrokersConfirmationAndTheConsumerDoesNotNeedIt() {
        assertThat(PerfClient.args("(tcp://a:1,tcp://b:2)?ha=true", "u", "p", Path.of("r.json")))
                .containsSequence("--url", "(tcp://a:1,tcp://b:2)?ha=true&confirmationWindowSize=20000")
                .containsSequence("--consumer-url", "(tcp://a:1,tcp://b:2)?ha=true")
                .contains("--persistent", "--json", "r.json");
        assertThat(PerfClient.args("tcp://a:1", "u", "p", Path.of("r.json")))
                .contains("tcp://a:1?confirmationWindowSize=20000");
    }

    @Test
    void throughputTableHasThePerfClientColumnsOnlyWhenItRan() {
        Stats s = Stats.of(java.util.List.of(600L, 700L));
        Map<String, Bench.Throughput> ran = new LinkedHashMap<>();
        ran.put("replication", new Bench.Throughput(s, s, s, s, Stats.of(java.util.List.of(500L)),
                Stats.of(java.util.List.of(490L))));
        assertThat(ThroughputTable.markdown(ran)).contains("| Artemis perf client: sent | Artemis perf client: received |")
                .contains("| 500 (500–500, n=1) | 490 (490–490, n=1) |");
        Map<String, Bench.Throughput> not = Map.of("single", new Bench.Throughput(s, s, s, s, null, null));
        assertThat(ThroughputTable.markdown(not)).doesNotContain("perf client: sent")
                .contains("Artemis's perf client not run");
    }
}
