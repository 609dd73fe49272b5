package io.github.artemishalab.harness.net;

import io.github.artemishalab.harness.lab.LabException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** One link inside the fault proxy: its listener, the rule in force, its live connections and its counters. */
final class LinkRelay {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Link link;
    private final InetSocketAddress target;
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder bytesToTarget = new LongAdder();
    private final LongAdder bytesFromTarget = new LongAdder();
    private final LongAdder heldBytes = new LongAdder();
    private volatile LinkRule rule = LinkRule.OPEN;

    LinkRelay(Link link) {
        this.link = link;
        this.target = new InetSocketAddress(link.targetHost(), link.targetPort());
    }

    Link link() {
        return link;
    }

    /** Binds this link's listener; a busy address fails with a message that names it. */
    Channel listen(EventLoopGroup group) {
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                // held until the upstream connection is up, so no byte is read before it has somewhere to go
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        new ProxiedConnection(LinkRelay.this, ch);
                    }
                })
                .bind(link.listenHost(), link.listenPort())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new LabException(LabException.LAB_FAILED, "cannot listen on " + link.listenAddress() + " for link "
                    + link.id() + ": " + cause.getMessage(), cause);
        }
        return bound.channel();
    }

    /** A bootstrap for one upstream connection, on {@code loop} so the pair shares one thread. */
    Bootstrap upstream(EventLoop loop, ChannelHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(handler);
    }

    InetSocketAddress target() {
        return target;
    }

    LinkRule rule() {
        return rule;
    }

    /** Sets the rule, then wakes every connection: one accepted meanwhile reads the new rule itself. */
    void rule(LinkRule next) {
        rule = next;
        connections.forEach(ProxiedConnection::wake);
    }

    void add(ProxiedConnection connection) {
        accepted.increment();
        connections.add(connection);
    }

    void remove(ProxiedConnection connection) {
        connections.remove(connection);
    }

    void closeAll() {
        connections.forEach(ProxiedConnection::close);
    }

    LongAdder bytesToTarget() {
        return bytesToTarget;
    }

    LongAdder bytesFromTarget() {
        return bytesFromTarget;
    }

    LongAdder heldBytes() {
        return heldBytes;
    }

    LinkStats stats() {
        return new LinkStats(rule, connections.size(), accepted.sum(), bytesToTarget.sum(), bytesFromTarget.sum(),
                heldBytes.sum());
    }
}
