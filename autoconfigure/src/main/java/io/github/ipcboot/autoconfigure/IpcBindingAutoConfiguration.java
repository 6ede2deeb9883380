package io.github.ipcboot.autoconfigure;

import io.github.ipcboot.autoconfigure.diagnostics.EmptyValuesBindHandlerAdvisor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of how the starter's properties bind: unknown keys fail the start-up, empty
 * values of the properties that exist mean "not set" ({@link EmptyValuesBindHandlerAdvisor}).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration
public final class IpcBindingAutoConfiguration {

	@Bean
	static EmptyValuesBindHandlerAdvisor ipcEmptyValuesBindHandlerAdvisor() {
		return new EmptyValuesBindHandlerAdvisor();
	}

}
