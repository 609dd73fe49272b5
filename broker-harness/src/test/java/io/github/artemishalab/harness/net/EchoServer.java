package io.github.artemishalab.harness.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A plain-socket echo server on 127.0.0.1 that counts what it sees: the target behind the proxy in tests. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger eofs = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();

    EchoServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** Connections that ended with a reset (or another read error) rather than an EOF. */
    int resets() {
        return resets.get();
    }

    int eofs() {
        return eofs.get();
    }

    long received() {
        return received.get();
    }

    /** Closes every accepted connection from the server's side, with a FIN. */
    void closeConnections() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                accepted.incrementAndGet();
                threads.execute(() -> echo(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket s) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.addAndGet(n);
                out.write(buf, 0, n);
            }
            eofs.incrementAndGet();
        } catch (IOException e) {
            // closeConnections() closing the socket under the read is not a reset by the peer
            if (!s.isClosed()) {
                resets.incrementAndGet();
            }
        } finally {
            sockets.remove(s);
            try {
                s.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeConnections();
        threads.shutdownNow();
    }
}
