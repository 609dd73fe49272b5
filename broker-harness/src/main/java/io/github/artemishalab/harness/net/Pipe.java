package io.github.artemishalab.harness.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One direction of a proxied connection: chunks read from the source wait here, in order, until they are due and
 * the link lets them through, then go to the destination. Used on the connection's event loop only.
 */
final class Pipe {

    /**
     * The most a pipe holds before it stops reading its source: a delayed link then carries at most this much per
     * delay, as a TCP window would limit it.
     */
    static final long MAX_HELD_BYTES = 2L * 1024 * 1024;

    private record Chunk(long dueNanos, ByteBuf bytes) {
    }

    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final LongAdder forwarded;
    private final LongAdder linkHeld;
    private final Runnable wake;
    private long heldBytes;
    private ScheduledFuture<?> timer;
    private long timerDue;
    private Channel dest;
    private boolean sourceEnded;
    private boolean sourceReset;
    private long endDueNanos;
    private boolean destClosing;

    /**
     * @param forwarded the link's count of bytes forwarded this way
     * @param linkHeld  the link's count of bytes held, both ways
     * @param wake      runs on the event loop when a held chunk falls due
     */
    Pipe(LongAdder forwarded, LongAdder linkHeld, Runnable wake) {
        this.forwarded = forwarded;
        this.linkHeld = linkHeld;
        this.wake = wake;
    }

    void dest(Channel dest) {
        this.dest = dest;
    }

    /** Holds {@code bytes} (this pipe now owns them) until {@code delayMillis} from now, and after earlier chunks. */
    void hold(ByteBuf bytes, long delayMillis) {
        queue.add(new Chunk(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), bytes));
        heldBytes += bytes.readableBytes();
        linkHeld.add(bytes.readableBytes());
    }

    /**
     * The source closed; {@code reset}: by an error or an RST, which the destination then gets too. The close
     * travels like a chunk: after the bytes before it, and {@code delayMillis} late.
     */
    void sourceEnded(boolean reset, long delayMillis) {
        if (!sourceEnded) {
            endDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        }
        sourceEnded = true;
        sourceReset |= reset;
    }

    /** Whether this pipe has begun to close its destination (its source ended first). */
    boolean closingDest() {
        return destClosing;
    }

    /** Whether the source may be read: the destination takes more and this pipe is not full. */
    boolean wantsMore() {
        return !sourceEnded && heldBytes < MAX_HELD_BYTES && dest != null && dest.isActive() && dest.isWritable();
    }

    /**
     * Forwards the chunks that are due while {@code flowing}; once the source ended and nothing is held, closes the
     * destination the way the source closed. While not flowing, everything stays held: TCP would retransmit it
     * after the partition heals, so the stream reaches the peer whole or not at all.
     */
    void pump(boolean flowing) {
        if (dest == null) {
            return;
        }
        if (!dest.isOpen()) {
            discard();
            return;
        }
        if (!flowing || !dest.isActive()) {
            return;
        }
        long now = System.nanoTime();
        boolean wrote = false;
        while (!queue.isEmpty() && dest.isWritable()) {
            Chunk head = queue.peek();
            if (head.dueNanos - now > 0) {
                wakeAt(head.dueNanos, now);
                break;
            }
            queue.poll();
            int n = head.bytes.readableBytes();
            heldBytes -= n;
            linkHeld.add(-n);
            forwarded.add(n);
            dest.write(head.bytes, dest.voidPromise());
            wrote = true;
        }
        if (wrote) {
            dest.flush();
        }
        if (sourceEnded && queue.isEmpty() && !destClosing) {
            if (endDueNanos - now > 0) {
                wakeAt(endDueNanos, now);
                return;
            }
            destClosing = true;
            if (sourceReset) {
                ProxiedConnection.reset(dest);
            } else {
                // after the bytes written before it, as a FIN follows the data
                dest.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private void wakeAt(long due, long now) {
        if (timer != null && timerDue <= due) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDue = due;
        timer = dest.eventLoop().schedule(() -> {
            timer = null;
            wake.run();
        }, due - now, TimeUnit.NANOSECONDS);
    }

    /** Drops everything held: the destination is gone or the connection was reset. */
    void discard() {
        Chunk c;
        while ((c = queue.poll()) != null) {
            c.bytes.release();
        }
        linkHeld.add(-heldBytes);
        heldBytes = 0;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
