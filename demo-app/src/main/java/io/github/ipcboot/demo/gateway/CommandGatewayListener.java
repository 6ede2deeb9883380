package io.github.ipcboot.demo.gateway;

import java.util.List;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Answers the requests of the {@code commands} server, one line each:
 * <table>
 * <caption>Requests and replies</caption>
 * <tr><th>request</th><th>reply</th></tr>
 * <tr><td>{@code PING}</td><td>{@code OK PONG}</td></tr>
 * <tr><td>{@code ECHO <text>}</td><td>{@code OK <text>}</td></tr>
 * <tr><td>{@code LIST}</td><td>{@code CMD <name>} per command, then {@code OK <count>}</td></tr>
 * <tr><td>{@code RUN <name> [args...]}</td><td>{@code STDOUT}/{@code STDERR} lines, then
 * {@code OK EXIT <code> <duration-ms>}</td></tr>
 * <tr><td>{@code FORWARD <text>}</td><td>{@code OK <reply of the ingest server>}</td></tr>
 * <tr><td>{@code QUIT}</td><td>{@code OK BYE}, then the connection is closed</td></tr>
 * <tr><td>anything else</td><td>{@code ERR UNKNOWN_COMMAND <verb>}</td></tr>
 * </table>
 * Refused requests get {@code ERR <code> [detail]} (see {@link ErrorCode}). Oversized lines and
 * requests during a graceful shutdown are answered by the server itself, as configured in
 * {@code application.yml}.
 */
@Component
public class CommandGatewayListener {

	/**
	 * The name of the server, as configured under {@code ipc.tcp.servers}.
	 */
	public static final String SERVER = "commands";

	private final CommandRunner runner;

	private final IngestForwarder forwarder;

	/**
	 * Create a new instance.
	 * @param runner runs the configured commands
	 * @param forwarder forwards text to the ingest server
	 */
	public CommandGatewayListener(CommandRunner runner, IngestForwarder forwarder) {
		this.runner = runner;
		this.forwarder = forwarder;
	}

	/**
	 * Answer one request line.
	 * @param line the request, without its line end
	 * @param session the client's connection
	 * @return the final line, or {@code null} when it is written otherwise (by a {@code RUN}
	 * when its child ends, or before {@code QUIT} closes the connection)
	 */
	@TcpListener(SERVER)
	public @Nullable String onRequest(String line, TcpSession session) {
		RunSlot slot = RunSlot.of(session);
		try {
			slot.awaitIdle();
			GatewayRequest request = GatewayRequest.parse(line);
			return switch (request.verb()) {
				case "PING" -> ping(request);
				case "ECHO" -> Replies.ok(request.requireText());
				case "LIST" -> list(request, session);
				case "RUN" -> run(request, session, slot);
				case "FORWARD" -> Replies.ok(this.forwarder.forward(request.requireText()));
				case "QUIT" -> quit(request, session);
				default -> throw new GatewayException(ErrorCode.UNKNOWN_COMMAND, request.verb());
			};
		}
		catch (GatewayException ex) {
			return ex.reply();
		}
	}

	private String ping(GatewayRequest request) {
		request.requireNoArguments();
		return Replies.ok("PONG");
	}

	private String list(GatewayRequest request, TcpSession session) {
		request.requireNoArguments();
		List<String> names = this.runner.commandNames();
		names.forEach((name) -> session.send(Replies.data("CMD", name)));
		return Replies.ok(Integer.toString(names.size()));
	}

	private @Nullable String run(GatewayRequest request, TcpSession session, RunSlot slot) {
		List<String> words = request.arguments();
		if (words.isEmpty()) {
			throw new GatewayException(ErrorCode.BAD_ARGS, "RUN needs a command name");
		}
		slot.track(this.runner.start(words.get(0), words.subList(1, words.size()), session));
		return null;
	}

	private @Nullable String quit(GatewayRequest request, TcpSession session) {
		request.requireNoArguments();
		session.send(Replies.ok("BYE"));
		session.close();
		return null;
	}

}
