package io.github.ipcboot.benchmarks.shm;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmClients;
import io.github.ipcboot.shm.ShmListener;
import io.github.ipcboot.shm.autoconfigure.ShmAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Load run of a shared-memory channel: a server channel and a client channel on one file, in one
 * JVM (two threads: the client's sender or requester, and the server's reader; the file is shared
 * memory as it is between processes). Measures fire-and-forget throughput of 64-byte messages (one
 * producer, one consumer) and the request-reply round trip of 64-byte requests with the given idle
 * strategy, and the process CPU time of each phase.
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.github.ipcboot.benchmarks.shm.ShmLoad [messages] [requests] [busy-spin]
 * </pre>
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration(ShmAutoConfiguration.class)
public class ShmLoad {

	static final AtomicLong received = new AtomicLong();

	public static void main(String[] args) throws Exception {
		long messages = (args.length > 0) ? Long.parseLong(args[0]) : 20_000_000;
		int requests = (args.length > 1) ? Integer.parseInt(args[1]) : 500_000;
		boolean busySpin = args.length <= 2 || Boolean.parseBoolean(args[2]);
		Path file = Files.createTempDirectory("shm-load").resolve("bench.ipc-shm");
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String channel : new String[] { "bench", "bench-client" }) {
			String prefix = "ipc.shm.channels." + channel + ".";
			properties.put(prefix + "file", file.toString());
			properties.put(prefix + "idle.busy-spin", busySpin);
			// the machine may be loaded: a starved thread is no dead peer here
			properties.put(prefix + "peer-timeout", "60s");
		}
		properties.put("ipc.shm.channels.bench.capacity", "4MB");
		properties.put("ipc.shm.channels.bench.max-message-size", "1KB");
		properties.put("ipc.shm.channels.bench-client.role", "client");
		properties.put("ipc.shm.channels.bench-client.full-ring-timeout", "10s");
		properties.put("logging.level.root", "WARN");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShmLoad.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run()) {
			ShmClient client = context.getBean(ShmClients.class).client("bench-client");
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (!client.isPeerAlive() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			System.out.printf("JDK %s, %d processors, busy-spin %s%n", Runtime.version(),
					Runtime.getRuntime().availableProcessors(), busySpin);
			throughput(client, messages / 10);
			throughput(client, messages);
			roundTrips(client, requests / 5);
			roundTrips(client, requests);
		}
	}

	private static void throughput(ShmClient client, long messages) {
		byte[] message = new byte[64];
		long start = received.get();
		long cpu = cpuNanos();
		long begin = System.nanoTime();
		for (long i = 0; i < messages; i++) {
			client.send(message);
		}
		while (received.get() - start < messages) {
			Thread.onSpinWait();
		}
		long elapsed = System.nanoTime() - begin;
		System.out.printf("throughput: %,d messages of 64 bytes in %.2f s = %,.0f messages/s, CPU %.2f cores%n",
				messages, elapsed / 1e9, messages * 1e9 / elapsed, (cpuNanos() - cpu) / (double) elapsed);
	}

	private static void roundTrips(ShmClient client, int requests) {
		byte[] request = new byte[64];
		long[] nanos = new long[requests];
		long cpu = cpuNanos();
		long begin = System.nanoTime();
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			client.request(request);
			nanos[i] = System.nanoTime() - start;
		}
		long elapsed = System.nanoTime() - begin;
		Arrays.sort(nanos);
		System.out.printf("request-reply: %,d round trips, p50 %.2f µs, p90 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, "
				+ "max %.0f µs, CPU %.2f cores%n", requests, nanos[requests / 2] / 1e3, nanos[requests * 9 / 10] / 1e3,
				nanos[requests * 99 / 100] / 1e3, nanos[requests * 999 / 1000] / 1e3, nanos[requests - 1] / 1e3,
				(cpuNanos() - cpu) / (double) elapsed);
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	@Bean
	Counter counter() {
		return new Counter();
	}

	static class Counter {

		private static final byte[] REPLY = new byte[64];

		@ShmListener("bench")
		byte[] onMessage(byte[] message) {
			received.incrementAndGet();
			return REPLY;
		}

	}

}
