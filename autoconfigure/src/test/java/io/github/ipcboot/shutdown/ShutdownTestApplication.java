package io.github.ipcboot.shutdown;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * A small TCP service the shutdown tests run in a child JVM (and in-process): server {@code work}
 * answers {@code WORK <id> <millis>} with {@code DONE <id>} after that long, {@code LATER <id> <millis>}
 * likewise from another thread after the listener returned (work begun with
 * {@link TcpSession#beginWork()}), {@code SPAWN} with
 * the pid of a started process tree, {@code HUPS} with the number of SIGHUPs seen. It prints
 * {@code handled=<n>} when its listener is destroyed, after the drain.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, TcpAutoConfiguration.class,
		ProcessAutoConfiguration.class, ShutdownAutoConfiguration.class })
public class ShutdownTestApplication {

	public static void main(String[] args) {
		if (!SignalHandlers.reducedSignalUsage()) {
			// a handler of another library, installed before the starter's: it must still be called
			Signal.handle(new Signal("HUP"), (signal) -> System.out.println("earlier HUP handler called"));
		}
		SpringApplication application = new SpringApplication(ShutdownTestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@Bean
	WorkListener workListener(ProcessService processService) {
		return new WorkListener(processService);
	}

	static class WorkListener implements DisposableBean {

		private final ProcessService processService;

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger handled = new AtomicInteger();

		final AtomicInteger hangUps = new AtomicInteger();

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
					// the work itself: a handler that takes this long, not a synchronisation
					Thread.sleep(Long.parseLong(words[2]));
					this.handled.incrementAndGet();
					return "DONE " + words[1];
				}
				case "LATER" -> {
					this.started.incrementAndGet();
					Runnable endWork = session.beginWork();
					// a thread of its own: the common pool may be busy closing the context
					new Thread(() -> {
						try {
							Thread.sleep(Long.parseLong(words[2]));
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
				case "HUPS" -> {
					return "HUPS " + this.hangUps.get();
				}
				default -> {
					return "ERR " + words[0];
				}
			}
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
