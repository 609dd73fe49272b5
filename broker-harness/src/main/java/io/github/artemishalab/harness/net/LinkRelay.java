package io.github.artemishalab.harness.net;

import io.github.artemishalab.harness.lab.LabException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One link inside the fault proxy: its listener, the rule in force, its live connections and its counters.
 * <p>
 * While the link is open its door mirrors the target: the listener is bound only while the target listens (see
 * {@link #probe}), and shut at once when an upstream connection fails or ends. A client
 * of a dead node is thus refused at connect, as without the proxy. A proxy that accepted and then reset it would not
 * be the same: an Artemis client whose new connection is reset before its handshake completes notices only at its
 * TTL, which made every failover and failback seconds slower.
 * <p>
 * While the link is cut the door follows the cut's style; the connections already open meet the cut themselves
 * ({@link ProxiedConnection}). A silent cut ({@link Cut#DROP}) puts a {@link Tarpit} in the door: a new connection's
 * SYN is lost and its connect hangs until its timeout, as behind a pulled cable. A reset cut shuts the door: a new
 * connection is refused at once. (A door that let a connection in and held it silent, as this one did first, let the
 * connect succeed where a pulled cable never does: a replicating backup that registered at its primary over such a
 * connection heard nothing for a ping period, and Artemis stopped it for good, AMQ222009 then "Stopping broker because
 * of critical registration error".)
 */
final class LinkRelay {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int PROBE_MILLIS = 20;
    private static final int QUARANTINE_MILLIS = 1000;
    private static final int TABLE_MILLIS = 1000;

    private final Link link;
    private final Consumer<String> log;
    /** Tells every link whose target is this address that it may be dying. */
    private final Consumer<InetSocketAddress> suspects;
    private final InetSocketAddress target;
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder bytesToTarget = new LongAdder();
    private final LongAdder bytesFromTarget = new LongAdder();
    private final LongAdder heldBytes = new LongAdder();
    private volatile LinkRule rule = LinkRule.OPEN;
    // the door: touched on doorLoop only
    private EventLoopGroup group;
    private EventLoop doorLoop;
    private Channel listener;
    private long quarantineUntil = System.nanoTime();
    private long nextTableCheck = System.nanoTime();
    private boolean probing;
    /** The listener's last close, which ends after {@link #door} returns. */
    private ChannelFuture lastClose;
    /** Who waits for the answer of the probe in flight (see {@link #rule}). */
    private final List<Runnable> afterProbe = new ArrayList<>();
    /** The door under a silent cut. */
    private volatile SilentDoor silent;

    LinkRelay(Link link, Consumer<String> log, Consumer<InetSocketAddress> suspects) {
        this.link = link;
        this.log = log;
        this.suspects = suspects;
        this.target = new InetSocketAddress(link.targetHost(), link.targetPort());
    }

    Link link() {
        return link;
    }

    /**
     * Binds this link's listener, then keeps it in line with the target (see the class comment); a busy address fails
     * at once with a message that names it.
     */
    void listen(EventLoopGroup eventLoops, Executor tarpitOpener) {
        ChannelFuture bound = bind(eventLoops).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new LabException(LabException.LAB_FAILED, "cannot listen on " + link.listenAddress() + " for link "
                    + link.id() + ": " + cause.getMessage(), cause);
        }
        group = eventLoops;
        doorLoop = eventLoops.next();
        silent = new SilentDoor(link.id(), new InetSocketAddress(link.listenHost(), link.listenPort()), log,
                tarpitOpener, doorLoop);
        lastClose = bound.channel().newSucceededFuture();
        doorLoop.execute(() -> listener = bound.channel());
        doorLoop.scheduleWithFixedDelay(this::probe, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * An upstream connection failed or was ended by the target, which may be dying: shuts the door at once, then runs
     * {@code then} (on the door's loop), so that the client hears of it only once its next try will be refused, as
     * with no proxy. A dying process can keep its listening socket for a while after its connections close (longer on
     * a busy machine), so the door stays shut for {@value #QUARANTINE_MILLIS} ms even if the target still listens;
     * a target that lives on is let in again after that. Clients retry a refused connect by themselves.
     */
    void targetChanged(Runnable then) {
        doorLoop.execute(() -> {
            suspectNow();
            // every other link to the same node shuts too: an idle one would learn of the death only at its next
            // table read, and let a client in meanwhile
            suspects.accept(target);
            then.run();
        });
    }

    /** The target may be dying: shut the door for a while (see {@link #targetChanged}). */
    void suspect() {
        doorLoop.execute(this::suspectNow);
    }

    private void suspectNow() {
        if (rule.cut() == Cut.NONE) {
            quarantineUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUARANTINE_MILLIS);
            door(false);
        }
    }

    /**
     * Every {@value #PROBE_MILLIS} ms. A shut door asks the target itself (a connection opened and reset at once: one
     * per time the target comes up, as the door opens then). An open door checks the kernel's socket table, which
     * costs milliseconds of kernel time a read, only every {@value #TABLE_MILLIS} ms: a target that dies with
     * connections through the link shuts the door at once anyway ({@link #targetChanged}).
     */
    private void probe() {
        if (silent.opening()) {
            return; // its tarpit holds the address until it is set up and taken out again
        }
        if (rule.cut() == Cut.DROP) {
            silence(() -> { });
            return;
        }
        silent.close();
        if (rule.cut() == Cut.RESET) {
            door(false);
            return;
        }
        boolean quarantined = System.nanoTime() - quarantineUntil < 0;
        if (listener == null) {
            if (!quarantined) {
                askTarget(() -> { });
            }
        } else if (quarantined) {
            door(false);
        } else if (TargetCheck.available() && System.nanoTime() - nextTableCheck >= 0) {
            nextTableCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TABLE_MILLIS);
            if (!TargetCheck.listening(target)) {
                askTarget(() -> { }); // the table may be a little old: the target itself has the last word
            }
        }
    }

    /** Connects to the target and resets the connection at once; the door follows the answer, then {@code then} runs. */
    private void askTarget(Runnable then) {
        afterProbe.add(then);
        if (probing) {
            return;
        }
        probing = true;
        ChannelFuture f = upstream(doorLoop, new ChannelInboundHandlerAdapter()).connect(target);
        f.addListener(x -> {
            probing = false;
            ProxiedConnection.reset(f.channel());
            List<Runnable> waiting = List.copyOf(afterProbe);
            afterProbe.clear();
            ChannelFuture moved = rule.cut() == Cut.NONE
                    ? door(x.isSuccess() && System.nanoTime() - quarantineUntil >= 0) : null;
            if (moved != null) {
                moved.addListener(b -> doorLoop.execute(() -> {
                    if (b.isSuccess() || rule.cut() != Cut.NONE) {
                        waiting.forEach(Runnable::run);
                    } else {
                        afterProbe.addAll(waiting); // the address was busy a moment: the next probe answers them
                    }
                }));
            } else {
                waiting.forEach(Runnable::run);
            }
        });
    }

    /** Opens or shuts the door; returns the listener's bind or close when it does either, else null. */
    private ChannelFuture door(boolean open) {
        if (open != (listener != null)) {
            log.accept(Instant.now() + " link " + link.id() + ": " + (open ? "open to " + link.to()
                    : rule.cut() == Cut.DROP ? "shut, as the link is cut silently"
                    : rule.cut() != Cut.NONE ? "refused, as the link is cut" : "refused, as " + link.to()
                    + " does not listen"));
        }
        if (open && listener == null) {
            ChannelFuture bound = bind(group);
            listener = bound.channel();
            bound.addListener(x -> {
                if (!x.isSuccess()) {
                    listener = null; // taken meanwhile by someone else: try again at the next probe
                }
            });
            return bound;
        } else if (!open && listener != null) {
            lastClose = listener.close();
            listener = null;
            return lastClose;
        }
        return null;
    }

    private ChannelFuture bind(EventLoopGroup eventLoops) {
        return new ServerBootstrap()
                .group(eventLoops)
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
                .bind(link.listenHost(), link.listenPort());
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

    /**
     * Sets the rule, then wakes every connection (one accepted meanwhile reads the new rule itself). The future
     * completes once the door follows the rule: shut for a cut, and on a heal open again if the target listens (the
     * target is asked), so that the caller's next connect meets the new rule.
     */
    CompletableFuture<Void> rule(LinkRule next) {
        rule = next;
        CompletableFuture<Void> settled = new CompletableFuture<>();
        if (doorLoop == null) {
            settled.complete(null);
        } else {
            doorLoop.execute(() -> settle(next, () -> settled.complete(null)));
        }
        connections.forEach(ProxiedConnection::wake);
        return settled;
    }

    /** Brings the door in line with {@code next}, then runs {@code then}; on the door's loop. */
    private void settle(LinkRule next, Runnable then) {
        if (rule != next) {
            then.run(); // a newer rule came meanwhile: its own settle answers
        } else if (next.cut() == Cut.DROP) {
            silence(then);
        } else if (silent.opening()) {
            silent.afterOpening(() -> settle(next, then));
        } else if (next.cut() == Cut.RESET) {
            silent.close();
            door(false);
            // a probe may have shut it already: wait for that close, not only for one of ours
            lastClose.addListener(x -> then.run());
        } else if (listener == null && System.nanoTime() - quarantineUntil >= 0) {
            silent.close();
            askTarget(then);
        } else {
            then.run();
        }
    }

    /** Shuts the link's own listener and puts a tarpit in its place (see {@link Tarpit}), then runs {@code then}. */
    private void silence(Runnable then) {
        door(false);
        silent.put(lastClose, () -> rule.cut() == Cut.DROP, then);
    }

    void add(ProxiedConnection connection) {
        accepted.increment();
        connections.add(connection);
    }

    void remove(ProxiedConnection connection) {
        connections.remove(connection);
    }

    void closeAll() {
        SilentDoor s = silent;
        if (s != null) {
            s.close();
        }
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
