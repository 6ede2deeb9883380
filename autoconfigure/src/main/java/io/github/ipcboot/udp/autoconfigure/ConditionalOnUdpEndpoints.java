package io.github.ipcboot.udp.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one UDP endpoint is configured under {@code ipc.udp.endpoints}.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(ConditionalOnUdpEndpoints.OnUdpEndpointsCondition.class)
public @interface ConditionalOnUdpEndpoints {

	/**
	 * The condition behind {@link ConditionalOnUdpEndpoints}.
	 */
	class OnUdpEndpointsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Object> endpoints = Binder.get(context.getEnvironment())
				.bind("ipc.udp.endpoints", Bindable.mapOf(String.class, Object.class))
				.orElse(Map.of());
			return endpoints.isEmpty() ? ConditionOutcome.noMatch("no ipc.udp.endpoints configured")
					: ConditionOutcome.match("UDP endpoints " + endpoints.keySet() + " configured");
		}

	}

}
