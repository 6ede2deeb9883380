package io.github.ipcboot.demo.status;

import java.util.Locale;

import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.udp.UdpListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers the datagrams of the {@code status} UDP endpoint, one reply datagram each:
 * <table>
 * <caption>Requests and replies</caption>
 * <tr><th>request</th><th>reply</th></tr>
 * <tr><td>{@code PING}</td><td>{@code PONG}</td></tr>
 * <tr><td>{@code STATUS}</td><td>{@code STATUS connections=<open TCP connections>
 * processes=<running child processes>}</td></tr>
 * <tr><td>anything else</td><td>{@code ERR UNKNOWN_COMMAND <verb>}</td></tr>
 * </table>
 * Requests are case-insensitive; surrounding white space (a trailing newline) is ignored.
 */
@Component
public class StatusListener {

	/**
	 * The name of the endpoint, as configured under {@code ipc.udp.endpoints}.
	 */
	public static final String ENDPOINT = "status";

	private final ObjectProvider<TcpServers> servers;

	private final ObjectProvider<ProcessRegistry> processes;

	/**
	 * Create a new instance.
	 * @param servers the TCP servers, whose open connections {@code STATUS} counts
	 * @param processes the running child processes, which {@code STATUS} counts
	 */
	public StatusListener(ObjectProvider<TcpServers> servers, ObjectProvider<ProcessRegistry> processes) {
		this.servers = servers;
		this.processes = processes;
	}

	/**
	 * Answer one datagram.
	 * @param request the datagram's text
	 * @return the reply datagram's text
	 */
	@UdpListener(ENDPOINT)
	public String onDatagram(String request) {
		String verb = request.strip().toUpperCase(Locale.ROOT);
		return switch (verb) {
			case "PING" -> "PONG";
			case "STATUS" -> status();
			default -> "ERR UNKNOWN_COMMAND " + abbreviate(request.strip());
		};
	}

	private String status() {
		TcpServers tcp = this.servers.getIfAvailable();
		ProcessRegistry registry = this.processes.getIfAvailable();
		int connections = (tcp != null) ? tcp.getOpenConnections() : 0;
		int running = (registry != null) ? registry.size() : 0;
		return "STATUS connections=" + connections + " processes=" + running;
	}

	/**
	 * Keep the reply to an unknown request short, whatever its size (see the amplification note
	 * in docs/udp.md).
	 */
	private static String abbreviate(String text) {
		return (text.length() > 32) ? text.substring(0, 32) : text;
	}

}
