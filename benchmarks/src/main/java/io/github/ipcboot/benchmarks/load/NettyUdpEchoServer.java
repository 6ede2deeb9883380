package io.github.ipcboot.benchmarks.load;

import java.util.List;

import io.netty.bootstrap.Bootstrap;
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
public final class NettyUdpEchoServer {

	private NettyUdpEchoServer() {
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
		return NettyBoundChannel.bind(bootstrap, port, group);
	}

	/**
	 * Run the server as its own process; see {@link EchoServerMain}.
	 * @param args optionally the port and {@value EchoServerMain#WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		EchoServerMain.run(ServerKind.UDP_NETTY, List.of(args));
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
