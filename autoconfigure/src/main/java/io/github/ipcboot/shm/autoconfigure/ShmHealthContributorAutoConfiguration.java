package io.github.ipcboot.shm.autoconfigure;

import io.github.ipcboot.autoconfigure.ConditionalOnConfiguredNames;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.actuate.ShmChannelsHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the health contributor {@code shmChannels}, when a channel is configured
 * ({@code management.health.shmchannels.enabled}).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration(after = ShmAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ShmChannels.class)
@ConditionalOnEnabledHealthIndicator("shmchannels")
public final class ShmHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "shmChannelsHealthIndicator")
	@ConditionalOnConfiguredNames("ipc.shm.channels")
	ShmChannelsHealthIndicator shmChannelsHealthIndicator(ShmChannels channels) {
		return new ShmChannelsHealthIndicator(channels);
	}

}
