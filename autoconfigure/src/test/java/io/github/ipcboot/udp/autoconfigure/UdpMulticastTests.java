package io.github.ipcboot.udp.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.udp.UdpContext;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.UdpStartupException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for a UDP endpoint that joins a multicast group, on the loopback interface only. Skipped,
 * with the reason printed, where the machine cannot join a group on loopback.
 */
class UdpMulticastTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String GROUP = "239.255.77.77";

	@Test
	void endpointShouldReceiveDatagramsSentToItsGroupOnLoopback() throws Exception {
		NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
		assumeTrue(loopback != null && loopback.isUp(), "no loopback interface that is up");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
			.withUserConfiguration(GroupListener.class)
			.withPropertyValues("ipc.udp.endpoints.group.port=0", "ipc.udp.endpoints.group.multicast.group=" + GROUP,
					"ipc.udp.endpoints.group.multicast.network-interface=" + loopback.getName())
			.run((context) -> {
				if (context.getStartupFailure() != null) {
					Throwable failure = context.getStartupFailure();
					String messages = failureMessage(failure);
					if (hasCause(failure, UdpStartupException.class) && messages.contains("could not join multicast group")) {
						System.out.println("Skipping the multicast test: " + messages);
						assumeTrue(false, "this machine cannot join a multicast group on " + loopback.getName());
					}
					throw new AssertionError(failure);
				}
				int port = context.getBean(UdpEndpoints.class).port("group");
				try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
					sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopback);
					sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
					sender.send(ByteBuffer.wrap("hello group".getBytes(StandardCharsets.UTF_8)),
							new InetSocketAddress(InetAddress.getByName(GROUP), port));
				}
				String received = context.getBean(GroupListener.class).received.poll(TIMEOUT.toMillis(),
						TimeUnit.MILLISECONDS);
				assertThat(received).isEqualTo("hello group");
			});
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String failureMessage(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append(" / ");
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class GroupListener {

		final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

		@UdpListener("group")
		void onDatagram(String text, UdpContext context) {
			this.received.add(text);
		}

	}

}
