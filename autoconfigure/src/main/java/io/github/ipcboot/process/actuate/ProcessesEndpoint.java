package io.github.ipcboot.process.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.github.ipcboot.process.ProcessInfo;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.ProcessState;
import io.github.ipcboot.process.RunningProcess;

/**
 * {@link Endpoint @Endpoint} that lists the processes of the process service and cancels one
 * by pid. Sensitive arguments are shown redacted. Like every endpoint it is exposed over HTTP
 * only when {@code management.endpoints.web.exposure.include} names it; set
 * {@code management.endpoint.processes.access=read-only} to allow listing but not cancelling.
 *
 * @since 0.1.0
 */
@Endpoint(id = "processes")
public class ProcessesEndpoint {

	private final ProcessRegistry registry;

	private final Clock clock;

	/**
	 * Creates an endpoint.
	 * @param registry the registry of the processes to show
	 */
	public ProcessesEndpoint(ProcessRegistry registry) {
		this(registry, Clock.systemUTC());
	}

	ProcessesEndpoint(ProcessRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * Lists the running processes, oldest first.
	 * @return the processes
	 */
	@ReadOperation
	public ProcessesDescriptor processes() {
		Instant now = this.clock.instant();
		return new ProcessesDescriptor(this.registry.list().stream().map((info) -> describe(info, now)).toList());
	}

	/**
	 * Describes one running process.
	 * @param pid the process id
	 * @return the process, or {@code null} (404 over HTTP) if no running process has that id
	 */
	@ReadOperation
	public @Nullable ProcessDescriptor process(@Selector long pid) {
		return this.registry.find(pid).map((process) -> describe(process.info(), this.clock.instant())).orElse(null);
	}

	/**
	 * Cancels a running process: {@code SIGTERM} to its process tree, then {@code SIGKILL} to
	 * what is left after the termination grace. The run ends with the outcome
	 * {@code cancelled}.
	 * @param pid the process id
	 * @return what happened
	 */
	@DeleteOperation
	public CancellationDescriptor cancel(@Selector long pid) {
		RunningProcess process = this.registry.find(pid).orElse(null);
		if (process == null) {
			return new CancellationDescriptor(pid, false, "No running process has pid " + pid);
		}
		String name = process.info().displayName();
		if (process.cancel()) {
			return new CancellationDescriptor(pid, true,
					"Cancelled pid " + pid + " (" + name + "): SIGTERM sent to its process tree");
		}
		return new CancellationDescriptor(pid, false,
				"Pid " + pid + " (" + name + ") is already being terminated or has finished");
	}

	private static ProcessDescriptor describe(ProcessInfo info, Instant now) {
		Duration duration = Duration.between(info.startTime(), now);
		return new ProcessDescriptor(info.pid(), info.displayName(), info.command().redacted(), info.startTime(),
				duration.isNegative() ? Duration.ZERO : duration, info.state());
	}

	/**
	 * The running processes.
	 *
	 * @param processes the processes, oldest first
	 */
	public record ProcessesDescriptor(List<ProcessDescriptor> processes) implements OperationResponseBody {

	}

	/**
	 * A running process.
	 *
	 * @param pid the process id
	 * @param command the configured command name, or {@code adhoc}
	 * @param args the program and its arguments, sensitive ones redacted
	 * @param startedAt when the process was started
	 * @param duration how long it has been running
	 * @param state whether it runs or is being terminated
	 */
	public record ProcessDescriptor(long pid, String command, List<String> args, Instant startedAt, Duration duration,
			ProcessState state) implements OperationResponseBody {

	}

	/**
	 * The answer to a cancellation.
	 *
	 * @param pid the process id
	 * @param cancelled whether this request cancelled the process
	 * @param message what happened
	 */
	public record CancellationDescriptor(long pid, boolean cancelled, String message) implements OperationResponseBody {

	}

}
