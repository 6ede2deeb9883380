package io.github.ipcboot.autoconfigure;

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
 * Matches when at least one name is configured under a map property, such as
 * {@code ipc.shm.channels}.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(ConditionalOnConfiguredNames.OnConfiguredNamesCondition.class)
public @interface ConditionalOnConfiguredNames {

	/**
	 * The map property, such as {@code ipc.shm.channels}.
	 * @return the property name
	 */
	String value();

	/**
	 * The condition behind {@link ConditionalOnConfiguredNames}.
	 */
	class OnConfiguredNamesCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnConfiguredNames.class.getName());
			String property = (attributes != null) ? (String) attributes.get("value") : "";
			Map<String, Object> names = Binder.get(context.getEnvironment())
				.bind(property, Bindable.mapOf(String.class, Object.class))
				.orElse(Map.of());
			return names.isEmpty() ? ConditionOutcome.noMatch("nothing configured under " + property)
					: ConditionOutcome.match(names.keySet() + " configured under " + property);
		}

	}

}
