package io.github.artemishalab.harness.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's output on its way to the log, read line by line for the one thing Artemis says only in its log: that it
 * is stopping a broker for good ({@code Quorum UNAVAILABLE: async stopping broker}), as opposed to stopping it to
 * start it again as a backup (a failback), which can leave it stopped for many seconds too.
 */
final class StopNotices extends OutputStream {

    /**
     * What Artemis logs when it stops a broker that will not start again by itself: a broker that lost its lock
     * manager's quorum, a replicating backup whose registration at its primary failed (a connection cut while it
     * registered), or one that found its primary's node id or activation sequence wrong.
     */
    static final List<String> MARKERS = List.of("Quorum UNAVAILABLE", "Stopping broker because of",
            "stop server now");
    private static final int MAX_LINE = 16 * 1024;

    private final OutputStream out;
    private final Consumer<String> onNotice;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    StopNotices(OutputStream out, Consumer<String> onNotice) {
        this.out = out;
        this.onNotice = onNotice;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
        see(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            see(b[i]);
        }
    }

    private void see(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (MARKERS.stream().anyMatch(text::contains)) {
                onNotice.accept(text.strip());
            }
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
