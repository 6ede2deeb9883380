package io.github.ipcboot.benchmarks.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.DefaultProcessServiceBuilder;
import io.github.ipcboot.process.LauncherType;
import io.github.ipcboot.process.ProcessSpec;

/**
 * Sequential spawn-and-wait throughput: raw {@link ProcessBuilder} + {@link Process#waitFor()}
 * against {@link DefaultProcessService#run(ProcessSpec)} (which also drains and captures both
 * pipes, arms a timeout and tracks the process), for {@code /bin/true} and for
 * {@code /bin/echo hello} with its output read. The service uses the JDK launcher
 * ({@code ipc.process.launcher=jdk}) with the JVM's default launch mechanism here;
 * {@link ProcessSpawnVforkBenchmark} repeats the rows with {@code VFORK}, and
 * {@link ProcessSpawnNativeBenchmark} the service rows with each launcher.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ProcessSpawnBenchmark {

	private DefaultProcessService service;

	private ProcessSpec trueSpec;

	private ProcessSpec echoSpec;

	@Setup
	public void setUp() {
		this.service = builder().build();
		this.trueSpec = ProcessSpec.of("/bin/true");
		this.echoSpec = ProcessSpec.of("/bin/echo", "hello");
	}

	/**
	 * The service of the {@code service*} rows: the JDK's launcher (through {@code setsid}), with
	 * the default containment.
	 */
	protected DefaultProcessServiceBuilder builder() {
		return DefaultProcessService.builder().launcher(LauncherType.JDK);
	}

	@TearDown
	public void tearDown() {
		this.service.close();
	}

	@Benchmark
	public int rawTrue() throws IOException, InterruptedException {
		return new ProcessBuilder("/bin/true").start().waitFor();
	}

	@Benchmark
	public int rawEcho() throws IOException, InterruptedException {
		Process process = new ProcessBuilder("/bin/echo", "hello").start();
		try (InputStream out = process.getInputStream()) {
			int length = out.readAllBytes().length;
			return process.waitFor() + length;
		}
	}

	@Benchmark
	public int serviceTrue() {
		return this.service.run(this.trueSpec).exitCode();
	}

	@Benchmark
	public int serviceEcho() {
		return this.service.run(this.echoSpec).stdoutText().length();
	}

}
