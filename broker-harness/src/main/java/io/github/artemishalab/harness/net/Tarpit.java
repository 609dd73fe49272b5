package io.github.artemishalab.harness.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The door of a link under a silent cut: a listener that never accepts, whose accept queue the proxy fills with
 * connections of its own. The kernel then drops every new SYN (Linux and the BSDs do so when a listener's accept
 * queue is full), so a client's connect hangs and is retried as TCP retries a SYN, then times out: what a pulled cable
 * does to a new connection. After the heal a retransmitted SYN finds the link's own listener again.
 * <p>
 * Why not simpler doors: one that accepts and holds the connection silent lets the connect succeed, which a pulled
 * cable never does (a replicating backup that registered at its primary over such a connection heard nothing for a
 * ping period and Artemis stopped it for good); one that refuses answers at once, where a ZooKeeper client or an
 * Artemis connector should wait out its connect timeout. No library does this (Toxiproxy is a Go binary and not in
 * the package registries; Netty has no such handler), hence this small class.
 */
final class Tarpit implements AutoCloseable {

    private static final int BACKLOG = 1;
    private static final int MAX_FILLERS = 8;
    private static final int FILLER_CONNECT_MILLIS = 50;
    private static final int BIND_TRIES = 100;
    private static final long BIND_RETRY_NANOS = 5_000_000;

    private final ServerSocketChannel server;
    private final List<Socket> fillers;

    private Tarpit(ServerSocketChannel server, List<Socket> fillers) {
        this.server = server;
        this.fillers = fillers;
    }

    /**
     * Binds {@code address} (retrying for a while: a listener just closed on it may hold it until its selector's next
     * select) and fills its accept queue until a connect hangs. Blocks for about {@value #FILLER_CONNECT_MILLIS} ms.
     */
    static Tarpit open(InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        List<Socket> fillers = new ArrayList<>();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            bind(server, address);
            for (int i = 0; i < MAX_FILLERS; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(address, FILLER_CONNECT_MILLIS);
                    fillers.add(filler);
                } catch (SocketTimeoutException full) {
                    filler.close();
                    return new Tarpit(server, fillers);
                }
            }
            throw new IOException("the accept queue of " + address + " did not fill after " + MAX_FILLERS
                    + " connections");
        } catch (IOException | RuntimeException e) {
            new Tarpit(server, fillers).close();
            throw e;
        }
    }

    private static void bind(ServerSocketChannel server, InetSocketAddress address) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                server.bind(address, BACKLOG);
                return;
            } catch (BindException busy) {
                if (attempt == BIND_TRIES) {
                    throw busy;
                }
                LockSupport.parkNanos(BIND_RETRY_NANOS);
            }
        }
    }

    /** Closes the listener; the kernel resets whatever sat in its queue. */
    @Override
    public void close() {
        for (Socket filler : fillers) {
            try {
                filler.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }
}
