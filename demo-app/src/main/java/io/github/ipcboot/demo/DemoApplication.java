package io.github.ipcboot.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The command-gateway demo service built with ipc-spring-boot-starter.
 */
@SpringBootApplication
@ImportRuntimeHints(DemoRuntimeHints.class)
public class DemoApplication {

	/**
	 * Starts the demo service.
	 * @param args command-line arguments, e.g. {@code --server.port=8081}
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
