package io.github.ipcboot.process.testing;

import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link FakeProcessService} as the {@link ProcessService}, before the
 * real one, which then backs off; imported by {@link AutoConfigureFakeProcessService} only.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration(before = ProcessAutoConfiguration.class)
public final class FakeProcessServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ProcessService.class)
	FakeProcessService fakeProcessService() {
		return new FakeProcessService();
	}

}
