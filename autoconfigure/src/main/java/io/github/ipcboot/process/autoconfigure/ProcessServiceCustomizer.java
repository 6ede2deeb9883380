package io.github.ipcboot.process.autoconfigure;

import io.github.ipcboot.process.DefaultProcessServiceBuilder;

/**
 * Customizes the auto-configured {@link io.github.ipcboot.process.DefaultProcessService} before
 * it is built, after the {@code ipc.process} properties have been applied.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProcessServiceCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(DefaultProcessServiceBuilder builder);

}
