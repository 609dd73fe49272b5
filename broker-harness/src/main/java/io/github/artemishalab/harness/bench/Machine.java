package io.github.artemishalab.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line that says what a figure was measured on. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the rest of the line still says enough
        }
        long memGiB = 0;
        try {
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D+", "");
            memGiB = Math.round(Long.parseLong(mem) / 1024.0 / 1024.0);
        } catch (IOException | RuntimeException ignored) {
            // as above
        }
        return String.format("%d cores (%s), %s GiB, %s %s, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                memGiB > 0 ? memGiB : "?", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"));
    }
}
