package io.github.artemishalab.harness.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The lab's TCP proxy: one listener per {@link Link}, forwarding to the link's target, whose links can be cut
 * ({@link Cut#DROP}, {@link Cut#RESET}), delayed and healed at run time without root.
 *
 * <p>All listeners and connections share one event loop group of {@value #THREADS} threads named
 * {@code lab-proxy-*}. {@link #apply} may be called from any thread; it hands the change to the event loops and
 * returns at once. {@link #close} is idempotent.
 */
public final class FaultProxy implements AutoCloseable {

    /** The proxy's threads: the lab's links carry little traffic, and fewer threads keep a busy host fair. */
    public static final int THREADS = 2;
    private static final int DOOR_WAIT_SECONDS = 2;
    /** Prefix of the names of the proxy's threads. */
    public static final String THREAD_PREFIX = "lab-proxy";

    private final EventLoopGroup group;
    private final Map<String, LinkRelay> relays;
    /**
     * Sets up the tarpits of silent cuts, which blocks for tens of ms: never on an event loop. Its one thread is
     * started with the proxy, so that the proxy's threads are as many after its first cut as before.
     */
    private final ThreadPoolExecutor tarpits = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), new DefaultThreadFactory("lab-tarpit", true));
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultProxy(EventLoopGroup group, Map<String, LinkRelay> relays) {
        this.group = group;
        this.relays = relays;
        tarpits.prestartAllCoreThreads();
    }

    /**
     * Listens for every link, all of them open, and returns once all listeners are bound.
     *
     * @throws io.github.artemishalab.harness.lab.LabException if an address is busy; its message names it
     * @throws IllegalArgumentException if two links have the same id
     */
    public static FaultProxy start(List<Link> links) {
        return start(links, line -> { });
    }

    /** As {@link #start(List)}, telling {@code log} whenever a link's door opens or shuts with its target. */
    public static FaultProxy start(List<Link> links, Consumer<String> log) {
        Map<String, LinkRelay> relays = new LinkedHashMap<>();
        Consumer<java.net.InetSocketAddress> suspects = target -> relays.values().stream()
                .filter(r -> r.target().equals(target)).forEach(LinkRelay::suspect);
        for (Link link : links) {
            if (relays.putIfAbsent(link.id(), new LinkRelay(link, log, suspects)) != null) {
                throw new IllegalArgumentException("two links named " + link.id());
            }
        }
        FaultProxy proxy = new FaultProxy(new NioEventLoopGroup(THREADS, new DefaultThreadFactory(THREAD_PREFIX,
                true)), Collections.unmodifiableMap(relays));
        try {
            for (LinkRelay relay : relays.values()) {
                relay.listen(proxy.group, proxy.tarpits);
            }
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** The links, in the order given to {@link #start}. */
    public List<Link> links() {
        return relays.values().stream().map(LinkRelay::link).toList();
    }

    /**
     * Puts {@code rules} in force on existing and new connections of every link; links the rules do not name
     * become open. Rules for unknown links are ignored (see {@link #unknownLinks}). Returns once every door follows
     * its rule (a cut link refuses new connections; a healed one lets them in again if its target listens).
     *
     * @throws IllegalStateException if the proxy is closed
     */
    public void apply(NetRules rules) {
        if (closed.get()) {
            throw new IllegalStateException("the proxy is closed");
        }
        List<CompletableFuture<Void>> doors = new ArrayList<>();
        relays.forEach((id, relay) -> doors.add(relay.rule(rules.rule(id))));
        try {
            // bounded: a door whose target hangs at connect is left to its probes
            CompletableFuture.allOf(doors.toArray(CompletableFuture[]::new)).get(DOOR_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the rules are in force on every connection; only a door is late
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The link ids {@code rules} names that this proxy does not carry: most likely a typo of the caller. */
    public List<String> unknownLinks(NetRules rules) {
        return rules.links().keySet().stream().filter(id -> !relays.containsKey(id)).sorted().toList();
    }

    /** Counters by link id, in link order. */
    public Map<String, LinkStats> stats() {
        Map<String, LinkStats> stats = new LinkedHashMap<>();
        relays.forEach((id, relay) -> stats.put(id, relay.stats()));
        return stats;
    }

    /** Stops listening, closes every connection and stops the proxy's threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        relays.values().forEach(LinkRelay::closeAll);
        tarpits.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        relays.values().forEach(LinkRelay::closeAll); // a tarpit set up meanwhile
    }
}
