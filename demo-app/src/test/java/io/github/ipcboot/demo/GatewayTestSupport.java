package io.github.ipcboot.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.demo.gateway.CommandGatewayListener;
import io.github.ipcboot.process.ProcessInfo;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;

import static org.awaitility.Awaitility.await;

/**
 * Connects test clients to the {@code commands} server and, after every test, closes them and
 * waits (bounded) until every child process they started has ended.
 */
public abstract class GatewayTestSupport {

	/** Longest wait for something a test expects to happen. */
	protected static final Duration WAIT = Duration.ofSeconds(15);

	private final List<GatewayClient> clients = new ArrayList<>();

	@Autowired
	protected TcpServers servers;

	@Autowired
	protected ProcessRegistry processes;

	/**
	 * Connect a client to the {@code commands} server; it is closed after the test.
	 * @return the client
	 * @throws IOException if the connection fails
	 */
	protected GatewayClient connect() throws IOException {
		return track(new GatewayClient(this.servers.port(CommandGatewayListener.SERVER)));
	}

	/**
	 * Close a client after the test.
	 * @param client the client
	 * @return the client
	 */
	protected GatewayClient track(GatewayClient client) {
		this.clients.add(client);
		return client;
	}

	/**
	 * Wait until exactly one child of the given command runs and return it.
	 * @param command the command name
	 * @return the child
	 */
	protected ProcessInfo awaitSingleProcess(String command) {
		return await().atMost(WAIT).until(() -> running(command), (list) -> list.size() == 1).get(0);
	}

	/**
	 * Return the children of a command that are tracked now.
	 * @param command the command name
	 * @return the children
	 */
	protected List<ProcessInfo> running(String command) {
		return this.processes.list().stream().filter((info) -> info.displayName().equals(command)).toList();
	}

	@AfterEach
	void closeClientsAndAwaitChildren() throws IOException {
		for (GatewayClient client : this.clients) {
			client.close();
		}
		// a closed connection cancels its RUN: nothing may outlive a test
		await().atMost(WAIT).until(() -> this.processes.size() == 0);
	}

}
