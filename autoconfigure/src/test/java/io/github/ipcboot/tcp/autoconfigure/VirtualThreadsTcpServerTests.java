package io.github.ipcboot.tcp.autoconfigure;

import java.lang.reflect.Method;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual threads for server connections: used on Java 21+ when asked for (directly or through
 * {@code spring.threads.virtual.enabled}), and a warning plus platform threads on older Java.
 */
class VirtualThreadsTcpServerTests {

	private static final boolean VIRTUAL_THREADS_AVAILABLE = Runtime.version().feature() >= 21;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(ThreadReportingListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@Test
	void virtualThreadsPropertyShouldServeConnectionsOnVirtualThreadsWhenTheRuntimeHasThem() {
		this.contextRunner.withPropertyValues("ipc.tcp.virtual-threads=true")
			.run((context) -> assertThat(threadKind(context)).isEqualTo(VIRTUAL_THREADS_AVAILABLE ? "virtual" : "platform"));
	}

	@Test
	void springVirtualThreadsPropertyShouldBeHonoured() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(threadKind(context)).isEqualTo(VIRTUAL_THREADS_AVAILABLE ? "virtual" : "platform"));
	}

	@Test
	void connectionsShouldBeServedByNamedPlatformThreadsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(threadKind(context)).isEqualTo("platform");
			assertThat(context.getBean(ThreadReportingListener.class).lastThreadName).startsWith("ipc-tcp-echo-");
		});
	}

	private static String threadKind(org.springframework.context.ApplicationContext context) throws Exception {
		if (!VIRTUAL_THREADS_AVAILABLE) {
			System.out.println("Java " + Runtime.version().feature()
					+ " has no virtual threads: checking the fallback to platform threads");
		}
		try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
			return client.request("which thread?");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadReportingListener {

		volatile String lastThreadName;

		@TcpListener("echo")
		String onLine(String line) throws Exception {
			Thread thread = Thread.currentThread();
			this.lastThreadName = thread.getName();
			return isVirtual(thread) ? "virtual" : "platform";
		}

		private static boolean isVirtual(Thread thread) throws Exception {
			if (!VIRTUAL_THREADS_AVAILABLE) {
				return false;
			}
			// Thread.isVirtual() exists from Java 21; this code is compiled for Java 17
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(thread);
		}

	}

}
