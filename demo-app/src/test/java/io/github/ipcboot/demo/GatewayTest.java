package io.github.ipcboot.demo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.ipcboot.tcp.testing.AutoConfigureTcpTestClient;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * An end-to-end test of the whole demo-app on 127.0.0.1: HTTP and the {@code commands} server on
 * ephemeral ports, the {@code ingest} server (and the client that follows it) on a port found free
 * when the context starts. The test-only command {@code tick} prints
 * {@code started} and then sleeps. Every test method is bounded in time. Add
 * properties with {@code @TestPropertySource}. Tests get {@code TcpTestClients} for the configured
 * servers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ipc.tcp.servers.commands.port=0", "ipc.udp.endpoints.status.port=0", "server.address=127.0.0.1",
				// contexts close when the test JVM ends: no drain delay, no signal handlers in it
				"ipc.shutdown.drain-delay=0s", "ipc.shutdown.handle-signals=false",
				// a command for tests only: prints a line, then waits, so that a test can see
				// output arrive while the child still runs
				"ipc.process.commands.tick.command[0]=sh", "ipc.process.commands.tick.command[1]=-c",
				"ipc.process.commands.tick.command[2]=echo started; exec sleep 30" })
@ContextConfiguration(initializers = { FreeIngestPortInitializer.class, LocalFilesInitializer.class })
@AutoConfigureTcpTestClient
@Timeout(60)
public @interface GatewayTest {

}
