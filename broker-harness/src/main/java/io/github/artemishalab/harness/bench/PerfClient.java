package io.github.artemishalab.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Artemis's own load generator, {@code artemis perf client} (2.44.0, the outside tool), against a lab broker: one
 * producer of durable 1 KiB messages with one message in flight and one consumer, for a fixed time after a warm-up;
 * read from its {@code --json} report.
 */
final class PerfClient {

    static final int SECONDS = 10;
    static final int WARMUP_SECONDS = 2;
    static final String QUEUE = "queue://perfQueue";

    /** msg/s the producer had confirmed and the consumer received, the means of the perf client's own samples. */
    record Rates(long sent, long received) {
    }

    private PerfClient() {
    }

    /**
     * The {@code perf client} arguments. Its producer sends with a completion listener, which without a confirmation
     * window the core client calls at once, not when the broker has stored the message: Artemis's perf-tools guide
     * asks for {@code confirmationWindowSize} on the producer's URL, and so does this.
     */
    static List<String> args(String url, String user, String password, Path report) {
        String producerUrl = url + (url.contains("?") ? "&" : "?") + "confirmationWindowSize=20000";
        return List.of("perf", "client", "--silent", "--persistent", "--message-size", "1024", "--max-pending", "1",
                "--duration", Integer.toString(SECONDS), "--warmup", Integer.toString(WARMUP_SECONDS),
                "--url", producerUrl, "--consumer-url", url, "--user", user, "--password", password,
                "--json", report.toString(), QUEUE);
    }

    /** Runs it to the end against {@code url}; its output goes to {@code dir/perf-client.log}. */
    static Rates run(ArtemisCliTool tool, String url, String user, String password, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path report = dir.resolve("perf-client.json");
        Files.deleteIfExists(report);
        tool.run(args(url, user, password, report), dir.resolve("perf-client.log"), SECONDS + 60);
        return parse(Files.readString(report));
    }

    /**
     * The report is a JSON array of one sample a second ({@code "sampleType":"interval"}, rates in msg/s, warm-up
     * ones flagged) and a summary; a failed run or one without a measured second is an error.
     */
    static Rates parse(String json) throws IOException {
        JsonNode samples = new ObjectMapper().readTree(json);
        if (samples == null || !samples.isArray()) {
            throw new IOException("the perf client's report is not a JSON array");
        }
        double sent = 0;
        double received = 0;
        int n = 0;
        for (JsonNode s : samples) {
            if ("summary".equals(s.path("sampleType").asText()) && "fail".equals(s.path("result").asText())) {
                throw new IOException("the perf client reports a failed run");
            }
            if ("interval".equals(s.path("sampleType").asText()) && !s.path("warmup").asBoolean()) {
                sent += s.path("completed").asDouble();
                received += s.path("received").asDouble();
                n++;
            }
        }
        if (n == 0) {
            throw new IOException("the perf client's report has no measured second");
        }
        return new Rates(Math.round(sent / n), Math.round(received / n));
    }
}
