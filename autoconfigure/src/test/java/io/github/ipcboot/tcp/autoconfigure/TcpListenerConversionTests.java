package io.github.ipcboot.tcp.autoconfigure;

import java.net.InetSocketAddress;
import java.util.Map;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpHeaders;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpListenerErrorHandler;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TcpListener} methods that take and return records as JSON (one document per frame),
 * take connection metadata as parameters, and have their failures answered by an error handler
 * bean, over real sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpListenerConversionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.servers.orders.port=0", "ipc.tcp.servers.orders.address=127.0.0.1");

	@Test
	void recordShouldBeReadFromAndWrittenToJsonFramesWithConnectionMetadata() {
		this.contextRunner.withUserConfiguration(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("ipcListenerMessageConverter");
			try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
				String reply = client.request("{\"item\":\"tea\",\"quantity\":3}");
				assertThat(reply).startsWith("{").endsWith("}")
					.contains("\"item\":\"tea\"", "\"total\":6", "\"server\":\"orders\"",
							"\"client\":\"127.0.0.1:" + client.localPort() + "\"")
					.containsPattern("\"connection\":\"[^\"]+\"");
			}
		});
	}

	@Test
	void applicationMapperThatIndentsShouldStillWriteEachReplyOnOneLine() {
		this.contextRunner.withUserConfiguration(Orders.class)
			.withBean(JsonMapper.class, () -> JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build())
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
					assertThat(client.request("{\"item\":\"tea\",\"quantity\":3}")).startsWith("{\"item\":\"tea\"")
						.endsWith("}");
					assertThat(client.request("{\"item\":\"milk\",\"quantity\":1}")).startsWith("{\"item\":\"milk\"");
				}
				assertThat(context.getBean(JsonMapper.class).isEnabled(SerializationFeature.INDENT_OUTPUT)).isTrue();
			});
	}

	@Test
	void globalErrorHandlerShouldAnswerFramesThatCannotBeConvertedAndTheConnectionGoOn() {
		this.contextRunner.withUserConfiguration(Orders.class)
			.withBean(TcpListenerErrorHandler.class,
					() -> (error, frame, session) -> new Rejected(error.getClass().getSimpleName()))
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
					assertThat(client.request("not json")).isEqualTo("{\"reason\":\"MessageConversionException\"}");
					assertThat(client.request("{\"item\":\"tea\",\"quantity\":-1}"))
						.isEqualTo("{\"reason\":\"IllegalArgumentException\"}");
					assertThat(client.request("{\"item\":\"tea\",\"quantity\":1}")).contains("\"total\":2");
				}
			});
	}

	@Test
	void errorHandlerReturningAnObjectForAStringListenerShouldAnswerWithItsJson() {
		this.contextRunner.withUserConfiguration(FailingLines.class)
			.withPropertyValues("ipc.tcp.servers.orders.on-listener-error=reply")
			.withBean(TcpListenerErrorHandler.class, () -> (error, frame, session) -> Map.of("error", "bad"))
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
					assertThat(client.request("boom")).isEqualTo("{\"error\":\"bad\"}");
					assertThat(client.request("again")).isEqualTo("{\"error\":\"bad\"}");
				}
			});
	}

	@Test
	void errorHandlerReturningAnObjectWithoutAConverterShouldBeAListenerFailureSayingWhatToAdd(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FailingLines.class)
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withBean(TcpListenerErrorHandler.class, () -> (error, frame, session) -> Map.of("error", "bad"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("ipcListenerMessageConverter");
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
					client.send("boom");
					assertThat(client.isClosedByServer()).isTrue();
				}
				assertThat(output).contains("FailingLines.onLine (or its error handler) returned an object other "
						+ "than byte[] and String, which needs a message converter: add Jackson");
			});
	}

	@Test
	void errorHandlerNamedByTheListenerShouldBeUsedRatherThanAnotherOne() {
		this.contextRunner.withUserConfiguration(NamedHandler.class).run((context) -> {
			try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
				assertThat(client.request("boom")).isEqualTo("named: boom failed");
			}
		});
	}

	@Test
	void severalErrorHandlersAndNoneNamedShouldLeaveTheListenerWithoutOneAndSaySo(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FailingLines.class)
			.withPropertyValues("ipc.tcp.servers.orders.on-listener-error=reply")
			.withBean("first", TcpListenerErrorHandler.class, () -> (error, frame, session) -> "first")
			.withBean("second", TcpListenerErrorHandler.class, () -> (error, frame, session) -> "second")
			.run((context) -> {
				assertThat(output).contains("FailingLines.onLine has no error handler: there are several "
						+ "TcpListenerErrorHandler beans");
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("orders"))) {
					assertThat(client.request("boom")).isNotIn("first", "second");
				}
			});
	}

	@Test
	void listenerOfARecordWithoutJacksonShouldFailStartUpSayingWhatToAdd() {
		this.contextRunner.withUserConfiguration(Orders.class)
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("needs a message converter: add Jackson")
				.hasMessageContaining("'ipcListenerMessageConverter'"));
	}

	record Order(String item, int quantity) {
	}

	record Receipt(String item, int total, String connection, String server, String client) {
	}

	record Rejected(String reason) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Orders {

		@TcpListener("orders")
		Receipt onOrder(Order order, @Header(TcpHeaders.CONNECTION_ID) String connection,
				@Header(TcpHeaders.SERVER_NAME) String server, InetSocketAddress client) {
			if (order.quantity() < 0) {
				throw new IllegalArgumentException("negative quantity " + order.quantity());
			}
			return new Receipt(order.item(), order.quantity() * 2, connection, server,
					client.getAddress().getHostAddress() + ":" + client.getPort());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingLines {

		@TcpListener("orders")
		String onLine(String line) {
			throw new IllegalStateException(line + " failed");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamedHandler {

		@Bean
		TcpListenerErrorHandler other() {
			return (error, frame, session) -> "other";
		}

		@Bean
		TcpListenerErrorHandler named() {
			return (error, frame, session) -> "named: " + error.getMessage();
		}

		@TcpListener(value = "orders", errorHandler = "named")
		String onLine(String line) {
			throw new IllegalStateException(line + " failed");
		}

	}

}
