package dev.freshet.server.pgwire.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Lets the connection's protocol thread wait until a slow reader has drained the outbound buffer.
 * It sits on the I/O event loop, ahead of the protocol handler, because writability events
 * delivered to the protocol handler itself would queue behind the very thread that waits.
 */
public final class PgWritabilityGate extends ChannelInboundHandlerAdapter {
    private static final long POLL_MILLIS = 100;

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (this) {
            notifyAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        synchronized (this) {
            notifyAll();
        }
        ctx.fireChannelInactive();
    }

    /**
     * Blocks until {@code channel} is writable or closed. Returns at once when called on the
     * channel's own event loop, which must never block (there the buffer simply grows).
     */
    public void awaitWritable(Channel channel) {
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
            return;
        }
        synchronized (this) {
            while (!channel.isWritable() && channel.isActive()) {
                try {
                    wait(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
