package io.github.ipcboot.demo.gateway;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import io.github.ipcboot.process.ArgumentRejectedException;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRejectedException;
import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.process.UnknownCommandException;
import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import io.github.ipcboot.tcp.TcpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Starts the commands configured under {@code ipc.process.commands} for {@code RUN} requests and
 * streams their output to the client: {@code STDOUT <line>} and {@code STDERR <line>} as the
 * child prints them, then {@code OK EXIT <code> <duration-ms>} or an {@code ERR} line. Only
 * configured commands run, with the arguments their {@code allowed-args} accept, never through a
 * shell with anything a client sent.
 */
@Component
public class CommandRunner {

	private static final Log logger = LogFactory.getLog(CommandRunner.class);

	private final ProcessService processes;

	private final ProcessProperties properties;

	/**
	 * Writes final lines, which may wait for a slow client, off the process service's threads.
	 */
	private final Executor finisher;

	/**
	 * Create a new instance.
	 * @param processes the service that runs the commands
	 * @param properties the configured commands
	 */
	public CommandRunner(ProcessService processes, ProcessProperties properties) {
		this.processes = processes;
		this.properties = properties;
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("gateway-run-end-");
		executor.setDaemon(true);
		this.finisher = executor;
	}

	/**
	 * Return the names of the commands a client may run, in configuration order.
	 * @return the names
	 */
	public List<String> commandNames() {
		return List.copyOf(this.properties.getCommands().keySet());
	}

	/**
	 * Start a configured command for a client; its output and final line go to the client.
	 * @param name the command name
	 * @param args the extra arguments, each checked against the command's {@code allowed-args}
	 * @param session the client's connection
	 * @param draining whether the graceful shutdown has begun, which a cancelled run's final line
	 * tells apart from another cancel (one through Actuator)
	 * @return the run, which has started (or failed to start) and writes its final line itself
	 * @throws GatewayException with {@link ErrorCode#NOT_ALLOWED}, {@link ErrorCode#BAD_ARGS},
	 * {@link ErrorCode#BUSY} or {@link ErrorCode#SHUTTING_DOWN} if nothing was started
	 */
	CommandRun start(String name, List<String> args, TcpSession session, BooleanSupplier draining) {
		CommandRun run = new CommandRun(session);
		RunningProcess process = startProcess(spec(name, args, run));
		run.attach(process);
		if (logger.isDebugEnabled()) {
			logger.debug("RUN " + name + " for " + session + ": pid " + process.pid());
		}
		process.onExit()
			.whenCompleteAsync((result, failure) -> run.end(finalLine(result, failure, draining.getAsBoolean())),
					this.finisher);
		return run;
	}

	private ProcessSpec spec(String name, List<String> args, CommandRun run) {
		try {
			return this.processes.command(name, args)
				.onStdoutLine(run::stdout)
				.onStderrLine(run::stderr)
				.check(false)
				.build();
		}
		catch (UnknownCommandException ex) {
			throw new GatewayException(ErrorCode.NOT_ALLOWED, name);
		}
		catch (ArgumentRejectedException | IllegalArgumentException ex) {
			throw new GatewayException(ErrorCode.BAD_ARGS, String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Return the final line of a run that has ended.
	 * @param result the result, or {@code null} if it could not be built
	 * @param failure why there is no result, or {@code null}
	 * @param draining whether the graceful shutdown has begun
	 * @return the final line
	 */
	static String finalLine(@Nullable ProcessResult result, @Nullable Throwable failure, boolean draining) {
		if (result == null) {
			return Replies.error(ErrorCode.INTERNAL, (failure != null) ? failure.getClass().getSimpleName() : "");
		}
		long millis = result.duration().toMillis();
		return switch (result.outcome()) {
			case SUCCESS, FAILED -> Replies.ok("EXIT " + result.exitCode() + " " + millis);
			case TIMED_OUT -> Replies.error(ErrorCode.TIMEOUT, Long.toString(millis));
			case START_FAILED -> Replies.error(ErrorCode.START_FAILED, String.valueOf(result.failureReason()));
			// terminated at the end of a graceful shutdown's timeout, or cancelled otherwise (through
			// Actuator); a client that left, which cancels its own run, reads nothing
			case CANCELLED -> Replies.error(draining ? ErrorCode.SHUTTING_DOWN : ErrorCode.CANCELLED, "");
		};
	}

	/**
	 * Start a process, translating a full capacity into {@link ErrorCode#BUSY} and a closed
	 * service (at the end of a graceful shutdown) into {@link ErrorCode#SHUTTING_DOWN}.
	 */
	private RunningProcess startProcess(ProcessSpec spec) {
		try {
			return this.processes.start(spec);
		}
		catch (ProcessRejectedException ex) {
			boolean closed = this.processes instanceof DefaultProcessService service && service.isClosed();
			throw new GatewayException(closed ? ErrorCode.SHUTTING_DOWN : ErrorCode.BUSY, "");
		}
	}

}
