package io.github.artemishalab.harness.net;

import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Blocking client sockets for the proxy tests: every read has a deadline (the socket timeout). */
final class Sockets {

    static final int READ_TIMEOUT_MILLIS = 3000;
    static final Duration SILENCE = Duration.ofMillis(300);

    private Sockets() {
    }

    /** A port free on 127.0.0.1 right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static Socket connect(String host, int port) throws IOException {
        return connect(host, port, READ_TIMEOUT_MILLIS);
    }

    static Socket connect(String host, int port, int connectTimeoutMillis) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** Reads exactly {@code n} bytes, or fails on EOF or after the socket's timeout. */
    static byte[] readExactly(Socket s, int n) throws IOException {
        byte[] buf = new byte[n];
        int off = 0;
        while (off < n) {
            int r = s.getInputStream().read(buf, off, n - off);
            if (r < 0) {
                throw new EOFException("EOF after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return buf;
    }

    static String read(Socket s, int n) throws IOException {
        return new String(readExactly(s, n), StandardCharsets.US_ASCII);
    }

    /** Sends {@code text} and returns what comes back (its length in bytes). */
    static String echo(Socket s, String text) throws IOException {
        send(s, text);
        return read(s, text.length());
    }

    /** Threads of the proxy alive now. */
    static long proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(FaultProxy.THREAD_PREFIX))
                .count();
    }

    /** Neither data nor a close (FIN or RST) reaches {@code s} for a while: it looks like a pulled cable. */
    static void assertSilent(Socket s) throws IOException {
        await("no bytes").during(SILENCE).atMost(SILENCE.plusSeconds(1))
                .until(() -> s.getInputStream().available() == 0);
        int timeout = s.getSoTimeout();
        s.setSoTimeout(50);
        try {
            int r = s.getInputStream().read();
            throw new AssertionError("expected silence, read " + r);
        } catch (SocketTimeoutException expected) {
            // still open, nothing came
        } finally {
            s.setSoTimeout(timeout);
        }
    }

    /** How a blocked read on {@code s} ended: {@code "eof"}, {@code "reset"} or another exception's message. */
    static CompletableFuture<String> readEnd(Socket s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                int r = s.getInputStream().read();
                return r < 0 ? "eof" : "byte " + r;
            } catch (SocketException e) {
                return e.getMessage().toLowerCase().contains("reset") ? "reset" : e.getMessage();
            } catch (IOException e) {
                return e.toString();
            }
        });
    }
}
