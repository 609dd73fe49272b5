package io.github.artemishalab.harness.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;

/**
 * One accepted connection of a link and its upstream connection to the target. Everything here runs on the
 * inbound channel's event loop (the upstream channel is registered on the same one), so it needs no locks: a rule
 * change reaches it as a {@link #sync()} task on that loop.
 */
final class ProxiedConnection {

    private final LinkRelay relay;
    private final Channel inbound;
    private final Pipe up;
    private final Pipe down;
    private Channel outbound;
    private boolean refused;
    /** The proxy closed or reset this connection itself (a RESET cut, its own exit): not news of the target. */
    private boolean closedByProxy;
    private boolean finished;
    /** When the client connected: see {@link #YOUNG_NANOS}. */
    private final long openedAt = System.nanoTime();

    /**
     * A connection the target ends this young was turned away (a plaintext client at a TLS acceptor, a refused login),
     * not lost to a dying node: its end does not shut the door. Treating it as a death let one such client, retrying,
     * keep a live node's door shut for the clients that had every right in.
     */
    static final long YOUNG_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1000);

    ProxiedConnection(LinkRelay relay, Channel inbound) {
        this.relay = relay;
        this.inbound = inbound;
        this.up = new Pipe(relay.bytesToTarget(), relay.heldBytes(), this::sync);
        this.down = new Pipe(relay.bytesFromTarget(), relay.heldBytes(), this::sync);
        down.dest(inbound);
        inbound.pipeline().addLast(new Side(up));
        inbound.closeFuture().addListener(f -> closed());
    }

    /** Closes {@code channel} with an RST rather than a FIN: SO_LINGER 0, then close. */
    static void reset(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            // the socket is already going away: a plain close is all that is left
        }
        channel.close();
    }

    /** Asks the event loop to bring this connection in line with the link's rule now in force. */
    void wake() {
        inbound.eventLoop().execute(this::sync);
    }

    /** Closes both sides, as the proxy's process exit would. */
    void close() {
        inbound.eventLoop().execute(() -> {
            closedByProxy = true;
            inbound.close();
            if (outbound != null) {
                outbound.close();
            }
        });
    }

    /**
     * The one place that acts on the rule: called after every event and every rule change, and idempotent, so a
     * rule applied while an event is in flight is still seen.
     */
    private void sync() {
        if (finished) {
            return;
        }
        LinkRule rule = relay.rule();
        if (rule.cut() == Cut.RESET) {
            closedByProxy = true;
            up.discard();
            down.discard();
            reset(inbound);
            if (outbound != null) {
                reset(outbound);
            }
            return;
        }
        boolean flowing = rule.cut() == Cut.NONE;
        if (flowing && refused) {
            // the nearest a proxy gets to the client's own connect being refused
            reset(inbound);
            return;
        }
        if (flowing && outbound == null) {
            connect();
        }
        boolean connected = outbound != null && outbound.isActive();
        up.pump(flowing);
        down.pump(flowing);
        // with reads off, the kernel buffers fill and the peers see neither data nor a close
        autoRead(inbound, flowing && connected && up.wantsMore());
        autoRead(outbound, flowing && connected && down.wantsMore());
    }

    private static void autoRead(Channel channel, boolean on) {
        if (channel != null && channel.isOpen() && channel.config().isAutoRead() != on) {
            channel.config().setAutoRead(on);
        }
    }

    private void connect() {
        ChannelFuture f = relay.upstream(inbound.eventLoop(), new Side(down)).connect(relay.target());
        outbound = f.channel();
        outbound.closeFuture().addListener(x -> closed());
        f.addListener(x -> {
            if (x.isSuccess()) {
                up.dest(outbound);
                sync();
            } else {
                // the door shuts before this client hears: its next try is refused, as with no proxy at all
                relay.targetChanged(() -> inbound.eventLoop().execute(() -> {
                    refused = true;
                    sync();
                }));
            }
        });
    }

    private void closed() {
        if (finished || inbound.isOpen() || outbound != null && outbound.isOpen()) {
            return;
        }
        finished = true;
        up.discard();
        down.discard();
        relay.remove(this);
    }

    /** The handler of one side: what it reads goes into {@code from}, the pipe it is the source of. */
    private final class Side extends ChannelInboundHandlerAdapter {

        private final Pipe from;

        Side(Pipe from) {
            this.from = from;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (ctx.channel() == inbound) {
                relay.add(ProxiedConnection.this);
            }
            sync();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (finished || !(msg instanceof ByteBuf bytes)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            from.hold(bytes, relay.rule().delayMillis());
            sync();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended(ctx, false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a reset by the peer, or a write that failed: the other side is reset too
            ended(ctx, true);
            ctx.close();
        }

        private void ended(ChannelHandlerContext ctx, boolean reset) {
            Runnable end = () -> {
                from.sourceEnded(reset, relay.rule().delayMillis());
                sync();
            };
            if (ctx.channel() == inbound || closedByProxy || up.closingDest()
                    || System.nanoTime() - openedAt < YOUNG_NANOS) {
                // the client's end, the proxy's own, or a newcomer turned away: the target is as alive as it was
                end.run();
            } else {
                // the target ended it, maybe by dying: shut the door first if so, then tell the client
                relay.targetChanged(() -> inbound.eventLoop().execute(end));
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            sync();
            ctx.fireChannelWritabilityChanged();
        }
    }
}
