package io.github.ipcboot.autoconfigure;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Executors;

import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shm.ShmContext;
import io.github.ipcboot.shm.ShmListener;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import io.github.ipcboot.udp.UdpContext;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.autoconfigure.UdpAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * AOT processing of an application with the starter, as {@code spring-boot:process-aot} runs it:
 * the runtime hints a native image needs, and the settings fixed at build time.
 */
class IpcAotTests {

	/** The processing all tests look at, made once. */
	private static @Nullable DefaultGenerationContext processed;

	@Test
	void aotProcessingShouldRegisterHintsForListenerMethodsAndTheTypesTheyConvert() {
		RuntimeHints hints = processAheadOfTime().getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onLine")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onDatagram"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onMessage"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ShmContext.class)).rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class, "item")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Receipt.class, "id")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TcpSession.class)).rejects(hints);
	}

	@Test
	void aotProcessingShouldRegisterHintsForTheVirtualThreadAndNativeLauncherLookups() throws Exception {
		RuntimeHints hints = processAheadOfTime().getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("java.lang.Thread$Builder")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.github.ipcboot.process.PosixSpawnLauncher"))).accepts(hints);
		assertThat(hints.reflection().getTypeHint(Thread.class).methods())
			.anyMatch((method) -> method.getName().equals("ofVirtual"));
		if (Runtime.version().feature() >= 21) {
			Method ofVirtual = Thread.class.getMethod("ofVirtual");
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ofVirtual)).accepts(hints);
			Class<?> builder = Class.forName("java.lang.Thread$Builder");
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(builder.getMethod("name", String.class, long.class))).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(builder.getMethod("factory")))
				.accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(Executors.class.getMethod("newThreadPerTaskExecutor",
						java.util.concurrent.ThreadFactory.class))).accepts(hints);
		}
	}

	@Test
	void aotProcessingShouldFixTheSettingsThatDecideWhichBeansExistInTheGeneratedCode() {
		DefaultGenerationContext generated = processAheadOfTime();
		StringBuilder sources = new StringBuilder();
		((InMemoryGeneratedFiles) generated.getGeneratedFiles()).getGeneratedFiles(Kind.SOURCE)
			.values()
			.forEach((source) -> {
				try (java.io.InputStream in = source.getInputStream()) {
					sources.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		assertThat(sources).contains("\"ipc.tcp.servers=[orders]\"", "\"ipc.udp.endpoints=[status]\"",
				"\"ipc.metrics.enabled=true\"", "BuildTimeSettings");
	}

	@Test
	void settingsChangedAfterTheBuildShouldFailWithEachDifference() {
		MockEnvironment built = new MockEnvironment().withProperty("ipc.tcp.servers.orders.port", "7000")
			.withProperty("ipc.shutdown.enabled", "true");
		BuildTimeSettings settings = new BuildTimeSettings(BuildTimeSettings.describe(built));
		MockEnvironment now = new MockEnvironment().withProperty("ipc.tcp.servers.orders.port", "7001")
			.withProperty("ipc.tcp.servers.extra.port", "7002")
			.withProperty("ipc.shutdown.enabled", "false");
		assertThatExceptionOfType(IpcStartupException.class).isThrownBy(() -> settings.check(now))
			.withMessageContaining("2 changed")
			.withMessageContaining("ipc.tcp.servers was [orders] at build time, is [extra, orders] now")
			.withMessageContaining("ipc.shutdown.enabled was true at build time, is false now");
	}

	@Test
	void settingsUnchangedSinceTheBuildShouldPassAlsoWhenOtherValuesChanged() {
		BuildTimeSettings settings = new BuildTimeSettings(BuildTimeSettings
			.describe(new MockEnvironment().withProperty("ipc.tcp.clients.pricing.port", "9000")));
		settings.check(new MockEnvironment().withProperty("ipc.tcp.clients.pricing.port", "9001")
			.withProperty("ipc.tcp.clients.pricing.host", "elsewhere"));
	}

	@Test
	void afterPropertiesSetShouldCheckTheSettingsOnlyWhenRunningTheAotProcessedApplication() {
		BuildTimeSettings settings = new BuildTimeSettings(
				BuildTimeSettings.describe(new MockEnvironment().withProperty("ipc.tcp.servers.orders.port", "7000")));
		settings.setEnvironment(new MockEnvironment());
		settings.afterPropertiesSet();
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			assertThatExceptionOfType(IpcStartupException.class).isThrownBy(settings::afterPropertiesSet)
				.withMessageContaining("ipc.tcp.servers was [orders] at build time, is [] now")
				.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ipc.tcp.servers"));
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	private static synchronized DefaultGenerationContext processAheadOfTime() {
		if (processed == null) {
			processed = process();
		}
		return processed;
	}

	private static DefaultGenerationContext process() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("ipc.tcp.servers.orders.port", "0",
					"ipc.udp.endpoints.status.port", "0", "ipc.shutdown.enabled", "false")));
		context.register(Application.class);
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")),
				new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		generation.writeGeneratedContent();
		return generation;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ IpcAotAutoConfiguration.class, TcpAutoConfiguration.class, UdpAutoConfiguration.class,
			ProcessAutoConfiguration.class })
	static class Application {

		@org.springframework.context.annotation.Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	static class Listeners {

		@TcpListener("orders")
		Receipt onLine(Order order, TcpSession session) {
			return new Receipt(order.item());
		}

		@UdpListener("status")
		String onDatagram(String text, UdpContext context) {
			return text;
		}

		@ShmListener("prices")
		byte[] onMessage(byte[] message, ShmContext context) {
			return message;
		}

	}

	record Order(String item) {
	}

	record Receipt(String id) {
	}

}
