package io.github.ipcboot.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * Netty 4.2 datagram echo server the usual way: one {@link NioDatagramChannel} on one event loop
 * (a datagram channel is served by a single loop), a handler that writes each datagram's content
 * back to its sender, and one flush per read batch.
 */
public final class NettyUdpEchoServer implements EchoServer {

	private final EventLoopGroup group;

	private final Channel channel;

	private NettyUdpEchoServer(EventLoopGroup group, Channel channel) {
		this.group = group;
		this.channel = channel;
	}

	/**
	 * Bind 127.0.0.1 on the given port and start echoing datagrams.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 * @throws InterruptedException if interrupted while binding
	 */
	public static EchoServer start(int port) throws InterruptedException {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		Bootstrap bootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(new EchoHandler());
		try {
			return new NettyUdpEchoServer(group, bootstrap.bind("127.0.0.1", port).sync().channel());
		}
		catch (InterruptedException | RuntimeException ex) {
			group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw ex;
		}
	}

	/**
	 * Run the server as its own process; see {@link EchoServerMain}.
	 * @param args optionally the port and {@value EchoServerMain#WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		EchoServerMain.run(ServerKind.UDP_NETTY, List.of(args));
	}

	@Override
	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	@ChannelHandler.Sharable
	private static final class EchoHandler extends SimpleChannelInboundHandler<DatagramPacket> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
			context.write(new DatagramPacket(packet.content().retain(), packet.sender()), context.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext context) {
			context.flush();
		}

	}

}
