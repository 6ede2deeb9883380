package io.github.ipcboot.process;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link RunningProcess} whose run is already over.
 */
final class FinishedProcess implements RunningProcess {

	private final ProcessResult result;

	private final boolean check;

	FinishedProcess(ProcessResult result, boolean check) {
		this.result = result;
		this.check = check;
	}

	@Override
	public long pid() {
		return this.result.pid();
	}

	@Override
	public ProcessInfo info() {
		return new ProcessInfo(pid(), this.result.name(), this.result.command(), this.result.startTime(),
				ProcessState.RUNNING);
	}

	@Override
	public boolean isRunning() {
		return false;
	}

	@Override
	public CompletableFuture<ProcessResult> onExit() {
		CompletableFuture<ProcessResult> future = CompletableFuture.completedFuture(this.result);
		return this.check ? future.thenApply(ProcessResult::check) : future;
	}

	@Override
	public ProcessResult await() {
		return this.check ? this.result.check() : this.result;
	}

	@Override
	public boolean cancel() {
		return false;
	}

	@Override
	public void writeStdin(byte[] bytes) {
		throw new IllegalStateException("Process " + this.result.command() + " is no longer running");
	}

	@Override
	public void writeStdin(String text) {
		writeStdin(new byte[0]);
	}

	@Override
	public void closeStdin() {
	}

}
