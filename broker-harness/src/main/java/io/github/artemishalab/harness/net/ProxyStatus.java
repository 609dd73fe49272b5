package io.github.artemishalab.harness.net;

import java.util.Map;

/**
 * What the proxy process writes to {@code net/proxy.json}: first once every listener is bound (the file's
 * appearance is the ready signal), then again about every 500 ms.
 *
 * @param pid       the proxy's process id
 * @param startedAt its process start time (epoch ms), as in {@link io.github.artemishalab.harness.lab.ProcessRecord}
 *                  so that a reused pid is not taken for the proxy
 * @param updated   when this was written (epoch ms)
 * @param links     counters by link id
 */
public record ProxyStatus(long pid, long startedAt, long updated, Map<String, LinkStats> links) {
}
