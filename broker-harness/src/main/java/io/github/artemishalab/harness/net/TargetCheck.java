package io.github.artemishalab.harness.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether anything listens on a target address, read from the kernel's socket table ({@code /proc/net/tcp}) rather
 * than found out by connecting: a probe connection would be one more connection, and one more close, that the
 * target sees and its logs or counters report.
 */
final class TargetCheck {

    private static final Path TABLE = Path.of("/proc/net/tcp");
    /** A JVM without -Djava.net.preferIPv4Stack listens on an IPv6 socket even for 127.0.0.1 (IPv4-mapped). */
    private static final Path TABLE6 = Path.of("/proc/net/tcp6");
    private static final String LISTEN = "0A";
    private static final String MAPPED = "0000000000000000FFFF0000";

    private TargetCheck() {
    }

    /** Whether the kernel's table can be read here (Linux); elsewhere the proxy keeps every door open. */
    static boolean available() {
        return Files.isReadable(TABLE);
    }

    /** Whether a socket listens on {@code target} (an IPv4 address), or on the wildcard address at its port. */
    static boolean listening(InetSocketAddress target) {
        String port = ":" + String.format(Locale.ROOT, "%04X", target.getPort());
        String ip = hex(target.getAddress());
        return listens(TABLE, Set.of(ip + port, "00000000" + port))
                || Files.isReadable(TABLE6) && listens(TABLE6, Set.of(MAPPED + ip + port, "0".repeat(32) + port));
    }

    private static boolean listens(Path table, Set<String> addresses) {
        try {
            List<String> lines = Files.readAllLines(table);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length > 3 && LISTEN.equals(f[3]) && addresses.contains(f[1])) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
    }

    /** The table's form of an IPv4 address: its four bytes in host (little-endian) order, in hex. */
    static String hex(InetAddress address) {
        byte[] b = address.getAddress();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X", b[3], b[2], b[1], b[0]);
    }
}
