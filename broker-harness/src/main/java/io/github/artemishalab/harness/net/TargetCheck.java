package io.github.artemishalab.harness.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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
    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final long FRESH_MILLIS = 200;
    private static Set<String> lastRead;
    private static long lastReadAt;

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
        Set<String> now = snapshot();
        return now.contains(ip + port) || now.contains("00000000" + port) || now.contains(MAPPED + ip + port)
                || now.contains("0".repeat(32) + port);
    }

    /**
     * The listening addresses of both tables, read at most once per {@value #FRESH_MILLIS} ms: every link of the proxy
     * asks about every 20 ms, and one read answers them all.
     */
    private static synchronized Set<String> snapshot() {
        long now = System.nanoTime();
        if (lastRead == null || now - lastReadAt > TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
            Set<String> listening = new HashSet<>();
            addListening(TABLE, listening);
            if (Files.isReadable(TABLE6)) {
                addListening(TABLE6, listening);
            }
            lastRead = listening;
            lastReadAt = now;
        }
        return lastRead;
    }

    private static void addListening(Path table, Set<String> into) {
        try (BufferedReader r = Files.newBufferedReader(table)) {
            r.readLine(); // the header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = FIELDS.split(line.trim(), 5);
                if (f.length > 3 && LISTEN.equals(f[3])) {
                    into.add(f[1]);
                }
            }
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
