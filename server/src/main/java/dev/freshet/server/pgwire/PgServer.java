package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.internal.PgConnectionSettings;
import dev.freshet.server.pgwire.internal.PgDecoder;
import dev.freshet.server.pgwire.internal.PgWireProtocol;
import dev.freshet.server.pgwire.internal.PgWritabilityGate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL wire-protocol server in front of a {@link PgBackend}.
 * <pre>
 *   PgServer server = new PgServer(PgServerConfig.defaults().withPort(5433), backend);
 *   server.start();          // binds; server.port() is the bound port (useful with port 0)
 *   …
 *   server.close();          // stops accepting, closes every connection and its session
 * </pre>
 *
 * <p>Threads: Netty's I/O event loops only frame bytes; each connection's protocol handler (and so
 * every {@link PgSession} call) runs on an executor of its own, borrowed from a cached pool, so a
 * slow statement blocks its own connection only and a CancelRequest, arriving on a new
 * connection, is always served at once.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
    private static final int WRITE_BUFFER_LOW_WATER_MARK = 256 * 1024;
    private static final int WRITE_BUFFER_HIGH_WATER_MARK = 1024 * 1024;

    private final PgServerConfig config;
    private final PgBackend backend;
    private final AtomicInteger openConnections = new AtomicInteger();
    private PgConnectionSettings settings;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ExecutorService connectionThreads;
    private Channel serverChannel;
    /** Every open client connection, so that close() can end them before the threads they use. */
    private ChannelGroup clientChannels;
    /** The executors of the open connections' protocol handlers, until each has terminated. */
    private final Set<EventExecutor> connectionExecutors = ConcurrentHashMap.newKeySet();

    public PgServer(PgServerConfig config, PgBackend backend) {
        this.config = requireNonNull(config, "config is null");
        this.backend = requireNonNull(backend, "backend is null");
    }

    /**
     * Binds the configured address and starts accepting connections.
     *
     * @throws FreshetException {@code IO_ERROR} when the address cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (serverChannel != null) {
            throw new IllegalStateException("server already started");
        }
        settings = PgConnectionSettings.create(config);
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pgwire-accept"),
                NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("pgwire-io"),
                NioIoHandler.newFactory());
        connectionThreads = Executors.newCachedThreadPool(new DefaultThreadFactory("pgwire-session", true));
        clientChannels = new DefaultChannelGroup("pgwire-clients", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_BUFFER_LOW_WATER_MARK, WRITE_BUFFER_HIGH_WATER_MARK))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initConnection(channel);
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw new FreshetException(ErrorCode.IO_ERROR,
                    "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("Listening for PostgreSQL clients on {}", serverChannel.localAddress());
    }

    private void initConnection(SocketChannel channel) {
        clientChannels.add(channel);
        boolean overLimit = openConnections.incrementAndGet() > config.maxConnections();
        EventExecutor executor = new DefaultEventExecutor(null, connectionThreads);
        connectionExecutors.add(executor);
        executor.terminationFuture().addListener(terminated -> connectionExecutors.remove(executor));
        channel.closeFuture().addListener(future -> {
            openConnections.decrementAndGet();
            // The quiet period lets the inactive event, queued just after close, still run there.
            executor.shutdownGracefully(200, 5000, TimeUnit.MILLISECONDS);
        });
        PgWritabilityGate gate = new PgWritabilityGate();
        if (!config.idleTimeout().isZero()) {
            channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        channel.pipeline()
                .addLast("decoder", new PgDecoder(config.maxMessageSize()))
                .addLast("writability", gate)
                .addLast(executor, "protocol", new PgWireProtocol(backend, settings, gate, overLimit));
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** The bound address. */
    public synchronized InetSocketAddress address() {
        if (serverChannel == null) {
            throw new IllegalStateException("server not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The number of open client connections, including ones not yet authenticated. */
    public int openConnections() {
        return openConnections.get();
    }

    /** Stops listening and closes every connection; their sessions are closed. Idempotent. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        serverChannel = null;
        // End the connections while their event loops and session threads still run, so that each
        // ends its session in order instead of racing the thread pools' shutdown: stop what runs (a
        // SUBSCRIBE or FLUSH may wait for long), then tell each client why it is being let go.
        settings.registry().shutdownAll();
        clientChannels.forEach(channel -> channel.pipeline().fireUserEventTriggered(PgWireProtocol.SHUTDOWN));
        if (!clientChannels.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            clientChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        // A connection's last events (channelInactive, closing its session) run on its own executor
        // and reach the event loop: let them finish before the event loops stop.
        for (EventExecutor executor : List.copyOf(connectionExecutors)) {
            executor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        shutdownGroups();
        LOG.info("PostgreSQL listener stopped");
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        connectionThreads.shutdown();
        try {
            if (!connectionThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                connectionThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connectionThreads.shutdownNow();
        }
    }
}
