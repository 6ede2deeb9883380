package io.github.ipcboot.shutdown;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * A small TCP service the shutdown tests run in a child JVM (and in-process): server {@code work}
 * answers {@code WORK <id> <millis>} with {@code DONE <id>} after that long ({@code SLOWCLOSE <id> <millis>}
 * too, and the close of that connection then takes 3 s in a close callback), {@code LATER <id> <millis>}
 * likewise from another thread after the listener returned (work begun with
 * {@link TcpSession#beginWork()}), {@code SPAWN} with
 * the pid of a started process tree, {@code ESCAPE <duration>} likewise with a tree whose
 * {@code sleep <duration>} children leave it in every way a program can (a background child of
 * a subshell, a child in a session of its own, a double fork), {@code HUPS} with the number of
 * SIGHUPs seen, {@code ORPHANS <duration>} with {@code DONE} once a run that leaves two
 * {@code sleep <duration>} orphans behind has finished (and its leftovers were terminated). Instead of the
 * millis, {@code hold} makes the work last until the test releases it ({@link WorkListener#release()}
 * in-process, a {@code RELEASE} line on the child JVM's standard input; a {@code CLOSE} line closes
 * the context without a signal, {@code EXIT} calls {@code System.exit(0)}), so that a test can act
 * while the work is certainly in progress. It prints {@code handled=<n>} when its listener is
 * destroyed, after the drain.
 * <p>
 * Misbehaviour on demand: {@code test.hang-on-destroy=true} adds a bean whose destruction hangs
 * (for two minutes, after printing {@code hanging in destroy}); {@code test.slow-start=true} makes the
 * start-up's last phase take 3 s (after printing {@code starting slowly}); {@code test.failing-drain=true}
 * replaces the TCP clients with ones whose drain throws.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, TcpAutoConfiguration.class,
		ProcessAutoConfiguration.class, ShutdownAutoConfiguration.class })
public class ShutdownTestApplication {

	private static final long SLOW_START_MILLIS = 3000;

	public static void main(String[] args) {
		if (!SignalHandlers.reducedSignalUsage()) {
			// a handler of another library, installed before the starter's: it must still be called
			Signal.handle(new Signal("HUP"), (signal) -> System.out.println("earlier HUP handler called"));
		}
		SpringApplication application = new SpringApplication(ShutdownTestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run(args);
		WorkListener listener = context.getBean(WorkListener.class);
		Thread releases = new Thread(() -> releaseOnStandardInput(listener, context), "release-on-stdin");
		releases.setDaemon(true);
		releases.start();
	}

	private static void releaseOnStandardInput(WorkListener listener, ConfigurableApplicationContext context) {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.equals("RELEASE")) {
					listener.release();
				}
				else if (line.equals("CLOSE")) {
					// a close without a signal, as an application (or a shutdown endpoint) begins one
					new Thread(context::close, "close-on-stdin").start();
				}
				else if (line.equals("EXIT")) {
					// the JVM's exit without a signal: Spring Boot's shutdown hook closes the context
					new Thread(() -> System.exit(0), "exit-on-stdin").start();
				}
			}
		}
		catch (IOException ex) {
			// the test closed its end
		}
	}

	@Bean
	WorkListener workListener(ProcessService processService) {
		return new WorkListener(processService);
	}

	@Bean
	@ConditionalOnBooleanProperty("test.hang-on-destroy")
	DisposableBean hangingBean() {
		return () -> {
			System.out.println("hanging in destroy");
			Thread.sleep(120_000);
		};
	}

	@Bean
	@ConditionalOnBooleanProperty("test.slow-start")
	SmartLifecycle slowStart() {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				// the last phase: the TCP servers and the signal handlers are up, start-up is not over
				System.out.println("starting slowly");
				WorkListener.pause(SLOW_START_MILLIS);
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	@Bean
	@ConditionalOnBooleanProperty("test.failing-drain")
	TcpClients failingClients() {
		return new TcpClients(List.of()) {

			@Override
			public void beginDrain() {
				throw new IllegalStateException("test: the drain of the TCP clients failed");
			}

		};
	}

	static class WorkListener implements DisposableBean {

		private static final long HOLD_LIMIT_SECONDS = 60;

		private static final long SLOW_CLOSE_MILLIS = 3000;

		private final ProcessService processService;

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger handled = new AtomicInteger();

		final AtomicInteger hangUps = new AtomicInteger();

		private final Semaphore releases = new Semaphore(0);

		WorkListener(ProcessService processService) {
			this.processService = processService;
		}

		@TcpListener("work")
		@Nullable String onLine(String line, TcpSession session) throws InterruptedException {
			String[] words = line.split(" ");
			switch (words[0]) {
				case "WORK" -> {
					this.started.incrementAndGet();
					System.out.println("working " + words[1]);
					work(words[2]);
					this.handled.incrementAndGet();
					return "DONE " + words[1];
				}
				case "SLOWCLOSE" -> {
					// like WORK, and whoever closes the connection spends a while in its close
					// callback (a forced end's abort does: the drain sees the connection gone first)
					session.onClose(() -> pause(SLOW_CLOSE_MILLIS));
					System.out.println("working " + words[1]);
					work(words[2]);
					return "DONE " + words[1];
				}
				case "LATER" -> {
					this.started.incrementAndGet();
					Runnable endWork = session.beginWork();
					// a thread of its own: the common pool may be busy closing the context
					new Thread(() -> {
						try {
							work(words[2]);
							this.handled.incrementAndGet();
							session.send("DONE " + words[1]);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						finally {
							endWork.run();
						}
					}, "later-" + words[1]).start();
					return null;
				}
				case "SPAWN" -> {
					RunningProcess tree = this.processService
						.start(ProcessSpec.builder("sh", "-c", "sleep 1000 & sleep 1000 & wait").build());
					return "PID " + tree.pid();
				}
				case "ESCAPE" -> {
					String sleep = "sleep " + words[1];
					RunningProcess tree = this.processService.start(ProcessSpec
						.shell("(" + sleep + " &); setsid " + sleep + " & sh -c '" + sleep + "' & " + sleep + " & wait")
						.build());
					return "PID " + tree.pid();
				}
				case "ORPHANS" -> {
					String sleep = "sleep " + words[1];
					this.processService.run(ProcessSpec.shell("(" + sleep + " &); (" + sleep + " &); echo started").build());
					return "DONE";
				}
				case "HUPS" -> {
					return "HUPS " + this.hangUps.get();
				}
				default -> {
					return "ERR " + words[0];
				}
			}
		}

		/**
		 * The work itself: a handler that takes this long, or that lasts until released.
		 */
		private void work(String duration) throws InterruptedException {
			if (duration.equals("hold")) {
				// bounded, so that a failed test does not leave the JVM waiting
				if (!this.releases.tryAcquire(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
					throw new IllegalStateException("held work not released within " + HOLD_LIMIT_SECONDS + " s");
				}
			}
			else {
				Thread.sleep(Long.parseLong(duration));
			}
		}

		static void pause(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * End one piece of work begun with {@code hold}, now or as soon as one begins.
		 */
		void release() {
			this.releases.release();
		}

		@EventListener
		void onSignal(SignalReceivedEvent event) {
			if (event.getSignalName().equals("HUP")) {
				this.hangUps.incrementAndGet();
			}
		}

		@Override
		public void destroy() {
			System.out.println("handled=" + this.handled.get());
		}

	}

}
