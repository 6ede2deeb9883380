package io.github.ipcboot.process.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.actuate.ProcessesHealthIndicator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the {@code processes} health indicator ({@link ProcessesHealthIndicator}); turn it off with
 * {@code management.health.processes.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ProcessAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DefaultProcessService.class)
@ConditionalOnEnabledHealthIndicator("processes")
public final class ProcessHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "processesHealthIndicator", "processesHealthContributor" })
	ProcessesHealthIndicator processesHealthIndicator(DefaultProcessService processService) {
		return new ProcessesHealthIndicator(processService);
	}

}
