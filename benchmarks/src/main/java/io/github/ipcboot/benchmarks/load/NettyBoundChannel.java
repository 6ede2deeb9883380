package io.github.ipcboot.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

/**
 * A Netty echo server once bound: its channel and the event loop groups it runs on; closing it
 * closes the channel, then shuts the groups down. Shared by the Netty TCP and UDP echo servers.
 */
final class NettyBoundChannel implements EchoServer {

	private final Channel channel;

	private final List<EventLoopGroup> groups;

	private NettyBoundChannel(Channel channel, List<EventLoopGroup> groups) {
		this.channel = channel;
		this.groups = groups;
	}

	/**
	 * Bind 127.0.0.1 on the given port; when that fails, shut the groups down at once.
	 * @param bootstrap the configured bootstrap
	 * @param port the port, 0 for an ephemeral one
	 * @param groups the event loop groups the bootstrap uses
	 * @return the running server
	 * @throws InterruptedException if interrupted while binding
	 */
	static EchoServer bind(AbstractBootstrap<?, ?> bootstrap, int port, EventLoopGroup... groups)
			throws InterruptedException {
		try {
			return new NettyBoundChannel(bootstrap.bind("127.0.0.1", port).sync().channel(), List.of(groups));
		}
		catch (InterruptedException | RuntimeException ex) {
			for (EventLoopGroup group : groups) {
				group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			}
			throw ex;
		}
	}

	@Override
	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		for (EventLoopGroup group : this.groups) {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

}
