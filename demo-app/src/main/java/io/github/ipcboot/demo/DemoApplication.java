package io.github.ipcboot.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command-gateway demo service built with ipc-spring-boot-starter.
 */
@SpringBootApplication
public class DemoApplication {

	/**
	 * Starts the demo service.
	 * @param args command-line arguments, e.g. {@code --server.port=8081}
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
