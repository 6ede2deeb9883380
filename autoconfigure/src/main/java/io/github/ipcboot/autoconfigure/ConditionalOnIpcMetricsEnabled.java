package io.github.ipcboot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code ipc.metrics.enabled} is {@code false}: the switch that turns every meter
 * of the starter off.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "ipc.metrics.enabled", matchIfMissing = true)
public @interface ConditionalOnIpcMetricsEnabled {

}
