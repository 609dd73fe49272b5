package io.github.artemishalab.harness.net;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An echo target behind a fault proxy with two links on one port: {@value #CLIENTS} on {@value #LOCAL} and
 * {@value #BACKUP} on {@value #OTHER}; clients opened through it are closed with it.
 */
final class ProxyFixture implements AutoCloseable {

    static final String LOCAL = "127.0.0.1";
    /** Any 127.x.y.z binds on Linux without set-up: a second node's address on the same port. */
    static final String OTHER = "127.77.0.1";
    static final String CLIENTS = "clients->primary";
    static final String BACKUP = "backup->primary";

    private final List<Socket> clients = new ArrayList<>();
    private final EchoServer target;
    private final FaultProxy proxy;
    private final int port;
    private long generation;

    private ProxyFixture(EchoServer target, int port) {
        this.target = target;
        this.port = port;
        this.proxy = FaultProxy.start(List.of(
                new Link("clients", "primary", LOCAL, port, LOCAL, target.port()),
                new Link("backup", "primary", OTHER, port, LOCAL, target.port())));
    }

    static ProxyFixture start() throws IOException {
        return new ProxyFixture(new EchoServer(), Sockets.freePort());
    }

    EchoServer target() {
        return target;
    }

    FaultProxy proxy() {
        return proxy;
    }

    /** The port both links listen on. */
    int port() {
        return port;
    }

    LinkStats stats(String link) {
        return proxy.stats().get(link);
    }

    /** A client connected through the proxy to {@code host}: {@link #LOCAL} or {@link #OTHER}. */
    Socket client(String host) throws IOException {
        Socket s = Sockets.connect(host, port);
        clients.add(s);
        return s;
    }

    /** Puts {@code rule} on {@code link} and opens every other link. */
    void apply(String link, LinkRule rule) {
        proxy.apply(new NetRules(++generation, Map.of(link, rule)));
    }

    void healAll() {
        proxy.apply(new NetRules(++generation, Map.of()));
    }

    @Override
    public void close() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        proxy.close();
        target.close();
    }
}
