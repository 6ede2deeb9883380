package io.github.ipcboot.benchmarks.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.messaging.MessageChannel;

/**
 * Echo server wired by hand with Spring Integration the way its reference guide shows:
 * {@code @EnableIntegration}, a server connection factory with {@link ByteArrayCrLfSerializer}, a
 * {@link TcpInboundGateway} sending each line to a {@link DirectChannel} and a
 * {@code @ServiceActivator} that returns the payload as the reply. Everything else is Spring
 * Integration's default (its task scheduler, the NIO factory's unbounded executor), except
 * TCP_NODELAY, which is turned on as Netty and asyncio do by default, and the listen backlog,
 * raised from 5 to 128 (the other servers use 100 to 4096) so that 16 connections opened at once
 * are all accepted without waiting for SYN retransmissions.
 */
public final class SpringIntegrationEchoServer implements EchoServer {

	/**
	 * Spring Integration's default backlog is 5: a burst of 16 connects then overflows the accept
	 * queue and waits 1-3 s for SYN retransmissions, which would swamp a short measurement.
	 */
	private static final int BACKLOG = 128;

	private static final long LISTEN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final AnnotationConfigApplicationContext context;

	private final AbstractServerConnectionFactory connectionFactory;

	private SpringIntegrationEchoServer(AnnotationConfigApplicationContext context,
			AbstractServerConnectionFactory connectionFactory) {
		this.context = context;
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Start the server on a {@link TcpNioServerConnectionFactory}.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 * @throws InterruptedException if interrupted while waiting for the factory to listen
	 */
	public static EchoServer nio(int port) throws InterruptedException {
		return start(port, TcpNioServerConnectionFactory::new);
	}

	/**
	 * Start the server on a blocking {@link TcpNetServerConnectionFactory}.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 * @throws InterruptedException if interrupted while waiting for the factory to listen
	 */
	public static EchoServer net(int port) throws InterruptedException {
		return start(port, TcpNetServerConnectionFactory::new);
	}

	/**
	 * Run the NIO server as its own process; {@code --net} as the first argument runs the blocking
	 * one. See {@link EchoServerMain}.
	 * @param args optionally {@code --net}, the port and {@value EchoServerMain#WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		List<String> arguments = List.of(args);
		EchoServerMain.run(arguments.contains("--net") ? ServerKind.SI_NET : ServerKind.SI_NIO, arguments);
	}

	private static EchoServer start(int port, IntFunction<AbstractServerConnectionFactory> factoryForPort)
			throws InterruptedException {
		AbstractServerConnectionFactory factory = factoryForPort.apply(port);
		factory.setLocalAddress("127.0.0.1");
		ByteArrayCrLfSerializer crlf = new ByteArrayCrLfSerializer();
		factory.setSerializer(crlf);
		factory.setDeserializer(crlf);
		factory.setSoTcpNoDelay(true);
		factory.setBacklog(BACKLOG);
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean("serverConnectionFactory", AbstractServerConnectionFactory.class, () -> factory);
		context.register(EchoConfiguration.class);
		context.refresh();
		long deadline = System.nanoTime() + LISTEN_TIMEOUT_NANOS;
		while (!factory.isListening()) {
			if (System.nanoTime() > deadline) {
				context.close();
				throw new IllegalStateException("Spring Integration server did not listen within 30 s");
			}
			Thread.sleep(10);
		}
		return new SpringIntegrationEchoServer(context, factory);
	}

	@Override
	public int port() {
		return this.connectionFactory.getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class EchoConfiguration {

		@Bean
		DirectChannel requests() {
			return new DirectChannel();
		}

		@Bean
		TcpInboundGateway inboundGateway(AbstractServerConnectionFactory serverConnectionFactory,
				MessageChannel requests) {
			TcpInboundGateway gateway = new TcpInboundGateway();
			gateway.setConnectionFactory(serverConnectionFactory);
			gateway.setRequestChannel(requests);
			return gateway;
		}

		@ServiceActivator(inputChannel = "requests")
		public byte[] echo(byte[] line) {
			return line;
		}

	}

}
