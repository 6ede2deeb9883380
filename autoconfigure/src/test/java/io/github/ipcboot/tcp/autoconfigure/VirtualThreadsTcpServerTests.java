package io.github.ipcboot.tcp.autoconfigure;

import java.lang.reflect.Method;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual threads for server connections: used on Java 21+ when asked for (directly or through
 * {@code spring.threads.virtual.enabled}), and a warning plus platform threads on older Java. The
 * listener reports the thread that really served the line (through {@code Thread.isVirtual()},
 * looked up reflectively because the code is compiled for Java 17); CI runs these tests on Java 17
 * and again on Java 25, so both branches run there.
 */
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsTcpServerTests {

	private static final boolean VIRTUAL_THREADS_AVAILABLE = Runtime.version().feature() >= 21;

	private static final String WARNING = "ipc.tcp.virtual-threads=true needs Java 21 or later";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(ThreadReportingListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@Test
	void virtualThreadsPropertyShouldServeOnVirtualThreadsOrWarnAndUsePlatformThreadsBeforeJava21(
			CapturedOutput output) {
		this.contextRunner.withPropertyValues("ipc.tcp.virtual-threads=true").run((context) -> {
			Thread thread = servingThread(context);
			if (VIRTUAL_THREADS_AVAILABLE) {
				assertThat(isVirtual(thread)).as("served on a virtual thread").isTrue();
				assertThat(output).doesNotContain(WARNING);
			}
			else {
				assertThat(isVirtual(thread)).isFalse();
				assertThat(thread.getName()).startsWith("ipc-tcp-echo-");
				assertThat(output).containsOnlyOnce(WARNING + "; using platform threads on Java "
						+ System.getProperty("java.specification.version"));
			}
		});
	}

	@Test
	void springVirtualThreadsPropertyShouldBeHonouredWhenTheRuntimeHasThem(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(isVirtual(servingThread(context))).isEqualTo(VIRTUAL_THREADS_AVAILABLE);
			// Spring Boot's own property falls back silently, as Spring Boot does for its executors
			assertThat(output).doesNotContain(WARNING);
		});
	}

	@Test
	void connectionsShouldBeServedByNamedPlatformThreadsByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			Thread thread = servingThread(context);
			assertThat(isVirtual(thread)).isFalse();
			assertThat(thread.getName()).startsWith("ipc-tcp-echo-");
			assertThat(output).doesNotContain(WARNING);
		});
	}

	@Test
	void virtualThreadsSetToFalseShouldWinOverSpringProperty() {
		this.contextRunner.withPropertyValues("ipc.tcp.virtual-threads=false", "spring.threads.virtual.enabled=true")
			.run((context) -> {
				Thread thread = servingThread(context);
				assertThat(isVirtual(thread)).isFalse();
				assertThat(thread.getName()).startsWith("ipc-tcp-echo-");
			});
	}

	private static Thread servingThread(ApplicationContext context) throws Exception {
		try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
			assertThat(client.request("which thread?")).isEqualTo("served");
		}
		Thread thread = context.getBean(ThreadReportingListener.class).lastThread;
		assertThat(thread).isNotNull();
		return thread;
	}

	/**
	 * {@code Thread.isVirtual()} where the runtime has it; every thread is a platform thread on a
	 * runtime without the method.
	 */
	private static boolean isVirtual(Thread thread) throws Exception {
		Method isVirtual;
		try {
			isVirtual = Thread.class.getMethod("isVirtual");
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		return (boolean) isVirtual.invoke(thread);
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadReportingListener {

		volatile Thread lastThread;

		@TcpListener("echo")
		String onLine(String line) {
			this.lastThread = Thread.currentThread();
			return "served";
		}

	}

}
