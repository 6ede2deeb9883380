package io.github.ipcboot.benchmarks.load;

import java.util.List;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Netty 4.2 echo server the usual way: NIO transport, one boss thread and Netty's default number
 * of worker event loops, {@link LineBasedFrameDecoder} (which strips the CRLF), a handler that
 * writes each line with CRLF into a pooled buffer, and one flush per read batch in
 * {@code channelReadComplete}.
 */
public final class NettyEchoServer {

	private static final byte[] CRLF = { '\r', '\n' };

	private NettyEchoServer() {
	}

	/**
	 * Bind 127.0.0.1 on the given port and start echoing.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 * @throws InterruptedException if interrupted while binding
	 */
	public static EchoServer start(int port) throws InterruptedException {
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
		ChannelHandler echo = new EchoHandler();
		ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
			.channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new LineBasedFrameDecoder(EchoServer.MAX_LINE_LENGTH), echo);
				}

			});
		return NettyBoundChannel.bind(bootstrap, port, boss, workers);
	}

	/**
	 * Run the server as its own process; see {@link EchoServerMain}.
	 * @param args optionally the port and {@value EchoServerMain#WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		EchoServerMain.run(ServerKind.NETTY, List.of(args));
	}

	@ChannelHandler.Sharable
	private static final class EchoHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			ByteBuf line = (ByteBuf) message;
			try {
				ByteBuf reply = context.alloc().buffer(line.readableBytes() + CRLF.length);
				reply.writeBytes(line).writeBytes(CRLF);
				context.write(reply, context.voidPromise());
			}
			finally {
				line.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext context) {
			context.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			context.close();
		}

	}

}
