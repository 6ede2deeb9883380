package io.github.ipcboot.autoconfigure.diagnostics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.autoconfigure.IpcBindingAutoConfiguration;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownProperties;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import io.github.ipcboot.udp.autoconfigure.UdpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every kind of configuration mistake fails the start-up of a real {@link SpringApplication} with
 * a failure report (description and action) that names the property, its value and what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class IpcFailureAnalyzersTests {

	private static final String SERVER = "ipc.tcp.servers.orders.";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			ipc.tcp.servers.orders.header-size=2          | Property: ipc.tcp.servers.orders.header-size ;; Value: "2" ;; 'header-size' is not a key of ipc.tcp.servers.orders (TcpServerProperties) ;; did you mean 'length-header-size'? The keys of ipc.tcp.servers.orders are: address, allowed-clients, allowed-groups, allowed-users, backlog,
			ipc.tcp.servers.orders.ssl.client-aut=need    | Property: ipc.tcp.servers.orders.ssl.client-aut ;; Value: "need" ;; is not a key of ipc.tcp.servers.orders.ssl ;; did you mean 'client-auth'? The keys of ipc.tcp.servers.orders.ssl are: bundle, client-auth.
			ipc.tcp.clients.pricing.ssl.bundel=pricing    | Property: ipc.tcp.clients.pricing.ssl.bundel ;; Value: "pricing" ;; is not a key of ipc.tcp.clients.pricing.ssl ;; did you mean 'bundle'?
			ipc.tcp.clients.pricing.timeout=5s            | Property: ipc.tcp.clients.pricing.timeout ;; Value: "5s" ;; is not a key of ipc.tcp.clients.pricing (TcpClientProperties) ;; The keys of ipc.tcp.clients.pricing are: charset, connect-timeout,
			ipc.tcp.virtual-thread=true                   | Property: ipc.tcp.virtual-thread ;; is not a key of ipc.tcp (TcpProperties) ;; did you mean 'virtual-threads'?
			ipc.process.commands.ls.comand[0]=ls          | Property: ipc.process.commands.ls.comand[0] ;; Value: "ls" ;; did you mean 'command'?
			ipc.process.commands.ls.allowed-args[0]=-l    | `Property: ipc.process.commands.ls.allowed-args[0] ;; Value: "-l" ;; ipc.process.commands.ls.allowed-args takes a single value (String), not a list ;; Give ipc.process.commands.ls.allowed-args one value (for a regular expression, join the alternatives with '|').`
			ipc.process.commands.ls.timeout.seconds=5     | ipc.process.commands.ls.timeout takes a single value (Duration), it has no keys of its own
			ipc.udp.endpoints.metrics.max-datagram=512    | Property: ipc.udp.endpoints.metrics.max-datagram ;; is not a key of ipc.udp.endpoints.metrics (UdpEndpointProperties) ;; did you mean 'max-datagram-size'?
			ipc.udp.clients.metrics.retry=2               | Property: ipc.udp.clients.metrics.retry ;; is not a key of ipc.udp.clients.metrics (UdpClientProperties) ;; did you mean 'retries'?
			ipc.shutdown.drain-dealy=5s                   | Property: ipc.shutdown.drain-dealy ;; did you mean 'drain-delay'?
			""")
	void unknownKeyShouldFailStartUpNamingItAndTheKeysThatExist(String property, String expected,
			CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "port=0", property), expected.split(" ;; "));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			ipc.tcp.servers.orders.framing=lenght-header   | Value: "lenght-header" | length-header
			ipc.tcp.servers.orders.io-mode=blocking        | Value: "blocking"      | nio
			ipc.tcp.servers.orders.ssl.client-auth=must    | Value: "must"          | need
			ipc.tcp.servers.orders.on-listener-error=drop  | Value: "drop"          | reply-and-close
			ipc.process.launcher=posix                     | Value: "posix"         | native
			ipc.process.environment.inherit=some           | Value: "some"          | allowed
			""")
	void unknownEnumValueShouldFailStartUpListingTheValidValues(String property, String value, String valid,
			CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "port=0", property),
				"is not a valid value of " + property.split("=")[0], value, "Valid values: ", valid,
				"Set " + property.split("=")[0] + " to one of: ");
	}

	@Test
	void serverWithoutPortShouldFailStartUpNamingThePort(CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "address=127.0.0.1"),
				"ipc.tcp.servers.orders.port is required (use 0 for an ephemeral port)",
				"Property: ipc.tcp.servers.orders.port",
				"Set ipc.tcp.servers.orders.port, e.g. ipc.tcp.servers.orders.port=7000, or 0 for an ephemeral port.");
	}

	@Test
	void clientWithAnImpossibleFramingShouldFailStartUpNamingTheClient(CapturedOutput output) {
		assertStartUpFails(output, Config.class,
				List.of("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=7000",
						"ipc.tcp.clients.pricing.framing=terminator"),
				"Invalid configuration of ipc.tcp.clients.pricing: framing 'terminator' needs a terminator",
				"Property: ipc.tcp.clients.pricing",
				"Correct the value under ipc.tcp.clients.pricing that the description names.");
	}

	@Test
	void missingSslBundleShouldFailStartUpNamingTheBundle(CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "port=0", SERVER + "ssl.bundle=orders"),
				"Property: ipc.tcp.servers.orders.ssl.bundle", "Value: \"orders\"",
				"Configure the SSL bundle 'orders' under spring.ssl.bundle.jks or spring.ssl.bundle.pem");
	}

	@Test
	void invalidAllowedClientShouldFailStartUpNamingTheEntry(CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "port=0", SERVER + "allowed-clients=10.0.0.0/33"),
				"Property: ipc.tcp.servers.orders.allowed-clients[0]", "Value: \"10.0.0.0/33\"",
				"Give an address range in CIDR notation");
	}

	@Test
	void invalidAllowedArgsShouldFailStartUpNamingTheRegex(CapturedOutput output) {
		assertStartUpFails(output, Config.class,
				List.of("ipc.process.commands.ls.command=ls", "ipc.process.commands.ls.allowed-args=[a-"),
				"Property: ipc.process.commands.ls.allowed-args", "Value: \"[a-\"",
				"Give a java.util.regex.Pattern");
	}

	@Test
	void serverWithoutListenerShouldFailStartUpNamingTheServer(CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "port=0", SERVER + "address=127.0.0.1"),
				"TCP server 'orders' has no @TcpListener(\"orders\") method", "Property: ipc.tcp.servers.orders",
				"Add a @TcpListener(\"orders\") method to a bean, or remove ipc.tcp.servers.orders.");
	}

	@Test
	void portInUseShouldFailStartUpNamingThePort(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = taken.getLocalPort();
			assertStartUpFails(output, ListenerConfig.class,
					List.of(SERVER + "port=" + port, SERVER + "address=127.0.0.1"),
					"TCP server 'orders' could not listen on 127.0.0.1:" + port,
					"Property: ipc.tcp.servers.orders.port", "Value: \"" + port + "\"",
					"Stop the process that listens on port " + port);
		}
	}

	@Test
	void unknownSignalShouldFailStartUpNamingIt(CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of("ipc.shutdown.signals=NOPE"),
				"Unknown signal 'NOPE' in ipc.shutdown", "Property: ipc.shutdown.signals", "Value: \"NOPE\"",
				"Name signals without SIG");
	}

	@Test
	void signalInBothListsShouldFailStartUpNamingShutdown(CapturedOutput output) {
		assertStartUpFails(output, Config.class,
				List.of("ipc.shutdown.handle-signals=false", "ipc.shutdown.signals=HUP"),
				"Invalid configuration of ipc.shutdown: Signal HUP is both in ipc.shutdown.signals and "
						+ "ipc.shutdown.event-signals",
				"Property: ipc.shutdown");
	}

	@Test
	void emptyValuesOfPropertiesThatExistShouldMeanNotSet() {
		// as an environment variable set to nothing or a ${VAR:} placeholder gives them
		SpringApplication application = new SpringApplication(ListenerConfig.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--ipc.shutdown.handle-signals=false",
				"--ipc.shutdown.hard-deadline=", "--ipc.tcp.virtual-threads=", "--" + SERVER + "port=0",
				"--" + SERVER + "address=127.0.0.1", "--" + SERVER + "max-connections=", "--" + SERVER + "ssl.bundle=",
				"--ipc.process.default-timeout=", "--ipc.udp.endpoints.metrics.max-datagram-size=")) {
			assertThat(context.getBean(ShutdownProperties.class).getHardDeadline()).isNull();
			assertThat(context.getBean(TcpProperties.class).getServers().get("orders").getMaxConnections()).isNull();
		}
	}

	@Test
	void emptyValueOfAnUnknownKeyShouldStillFail(CapturedOutput output) {
		assertStartUpFails(output, Config.class, List.of(SERVER + "port=0", SERVER + "header-size="),
				"Property: ipc.tcp.servers.orders.header-size", "did you mean 'length-header-size'?");
	}

	private static void assertStartUpFails(CapturedOutput output, Class<?> config, List<String> properties,
			String... expected) {
		List<String> args = new ArrayList<>();
		if (properties.stream().noneMatch((property) -> property.startsWith("ipc.shutdown."))) {
			// no signal handlers in the test JVM; the tests of ipc.shutdown fail before any is installed
			args.add("--ipc.shutdown.enabled=false");
		}
		properties.forEach((property) -> args.add("--" + property));
		SpringApplication application = new SpringApplication(config);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run(args.toArray(String[]::new)).close());
		String report = output.getOut().substring(output.getOut().lastIndexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Description:", "Action:");
		for (String text : expected) {
			if (!text.isBlank()) {
				assertThat(report).contains(text.strip());
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ IpcBindingAutoConfiguration.class, SslAutoConfiguration.class, TcpAutoConfiguration.class,
			UdpAutoConfiguration.class, ProcessAutoConfiguration.class, ShutdownAutoConfiguration.class })
	static class Config {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Config.class)
	static class ListenerConfig {

		@Bean
		OrdersListener ordersListener() {
			return new OrdersListener();
		}

	}

	static class OrdersListener {

		@TcpListener("orders")
		String echo(String line) {
			return line;
		}

	}

}
