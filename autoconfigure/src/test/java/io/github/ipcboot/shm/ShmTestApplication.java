package io.github.ipcboot.shm;

import io.github.ipcboot.shm.autoconfigure.ShmAutoConfiguration;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small application with a shared-memory channel {@code echo} in the server role, which the
 * cross-JVM tests run in a child JVM: its listener answers {@code slow:<millis>} after that long
 * (to be in the middle of a request when the shutdown comes) and anything else at once, with
 * {@code jvm:<pid>:<message>}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, ShmAutoConfiguration.class,
		ShutdownAutoConfiguration.class })
public class ShmTestApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ShmTestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@Bean
	EchoListener echoListener() {
		return new EchoListener();
	}

	static class EchoListener {

		@ShmListener("echo")
		String onMessage(String text) throws InterruptedException {
			if (text.startsWith("slow:")) {
				// simulated work of a known length, not a synchronisation
				Thread.sleep(Long.parseLong(text.substring(5)));
			}
			return "jvm:" + ProcessHandle.current().pid() + ":" + text;
		}

	}

}
