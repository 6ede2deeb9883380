package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.actuate.UdpEndpointsHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the health contributor {@code udpEndpoints}, when an endpoint is
 * configured ({@code management.health.udpendpoints.enabled}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@AutoConfiguration(after = UdpAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("udpendpoints")
public final class UdpHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "udpEndpointsHealthIndicator")
	@ConditionalOnUdpEndpoints
	UdpEndpointsHealthIndicator udpEndpointsHealthIndicator(UdpEndpoints endpoints) {
		return new UdpEndpointsHealthIndicator(endpoints);
	}

}
