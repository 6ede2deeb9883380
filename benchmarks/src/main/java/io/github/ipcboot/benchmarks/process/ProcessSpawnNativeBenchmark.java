package io.github.ipcboot.benchmarks.process;

import java.util.Locale;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.DefaultProcessServiceBuilder;
import io.github.ipcboot.process.LauncherType;

/**
 * The {@code service*} rows of {@link ProcessSpawnBenchmark} with each launcher
 * ({@code ipc.process.launcher}: {@code native} is {@code posix_spawn} through FFM, JDK 22+ only;
 * {@code jdk} is {@link ProcessBuilder} through {@code setsid}), with the containment look at
 * {@code /proc} after each exit on ({@code contain=true}, the default) and off. Select the rows
 * with {@code 'ProcessSpawnNativeBenchmark.service'} (the inherited {@code raw*} rows do not
 * depend on the parameters).
 */
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProcessSpawnNativeBenchmark extends ProcessSpawnBenchmark {

	@Param({ "native", "jdk" })
	public String launcher;

	@Param({ "true", "false" })
	public boolean contain;

	@Override
	protected DefaultProcessServiceBuilder builder() {
		return DefaultProcessService.builder()
			.launcher(LauncherType.valueOf(this.launcher.toUpperCase(Locale.ROOT)))
			.containDescendants(this.contain);
	}

}
