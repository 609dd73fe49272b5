package io.github.artemishalab.harness.net;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A link's door under a silent cut: its {@link Tarpit}, set up off the event loop (it blocks for tens of ms) and used
 * and closed on it.
 */
final class SilentDoor {

    private final String linkId;
    private final InetSocketAddress address;
    private final Consumer<String> log;
    private final Executor opener;
    private final EventLoop loop;
    private volatile Tarpit tarpit;
    private CompletableFuture<Void> opening;
    /** A tarpit could not be set up for this cut (logged once): the door stays shut instead. */
    private volatile boolean failed;

    SilentDoor(String linkId, InetSocketAddress address, Consumer<String> log, Executor opener, EventLoop loop) {
        this.linkId = linkId;
        this.address = address;
        this.log = log;
        this.opener = opener;
        this.loop = loop;
    }

    /**
     * Puts the tarpit in once {@code listenerClosed} is done (the link's own listener holds the address until then),
     * if {@code wanted} still says so by the time it is ready, then runs {@code then} on the loop.
     */
    void put(Future<?> listenerClosed, BooleanSupplier wanted, Runnable then) {
        if (tarpit != null || failed) {
            then.run();
            return;
        }
        if (opening == null) {
            CompletableFuture<Void> started = new CompletableFuture<>();
            opening = started;
            listenerClosed.addListener(x -> openLater(wanted, started));
        }
        afterOpening(then);
    }

    private void openLater(BooleanSupplier wanted, CompletableFuture<Void> started) {
        try {
            opener.execute(() -> {
                Tarpit opened = open();
                try {
                    loop.execute(() -> settled(opened, wanted, started));
                } catch (RejectedExecutionException closing) {
                    if (opened != null) {
                        opened.close(); // the proxy closed meanwhile
                    }
                }
            });
        } catch (RejectedExecutionException closing) {
            // the proxy closed meanwhile: no tarpit
        }
    }

    /** On the loop: the tarpit is ready (or could not be set up); keeps it if the cut is still silent. */
    private void settled(Tarpit opened, BooleanSupplier wanted, CompletableFuture<Void> started) {
        opening = null;
        failed = opened == null;
        if (opened != null && wanted.getAsBoolean()) {
            tarpit = opened;
            log.accept(Instant.now() + " link " + linkId + ": silent, new connections hang");
        } else if (opened != null) {
            opened.close();
        }
        started.complete(null);
    }

    private Tarpit open() {
        try {
            return Tarpit.open(address);
        } catch (IOException | RuntimeException e) {
            log.accept(Instant.now() + " link " + linkId + ": no tarpit (" + e.getMessage()
                    + "): new connections are refused while the link is cut");
            return null;
        }
    }

    /** Whether a tarpit is being set up: whoever opens the link's own listener waits for it. */
    boolean opening() {
        return opening != null;
    }

    /** Runs {@code then} on the loop once no tarpit is being set up. */
    void afterOpening(Runnable then) {
        if (opening == null) {
            then.run();
        } else {
            opening.thenRun(() -> loop.execute(then));
        }
    }

    /** Takes the tarpit out; the kernel resets what sat in its queue. Any thread. */
    void close() {
        failed = false;
        Tarpit t = tarpit;
        if (t != null) {
            tarpit = null;
            t.close();
        }
    }
}
