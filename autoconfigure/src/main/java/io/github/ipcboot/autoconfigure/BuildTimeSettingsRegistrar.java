package io.github.ipcboot.autoconfigure;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers {@link BuildTimeSettings} with the settings of the environment the bean definitions
 * are made in: the run-time one on the JVM, the build-time one under AOT, where the definition
 * (with these values) becomes generated code.
 */
class BuildTimeSettingsRegistrar implements ImportBeanDefinitionRegistrar {

	private final Environment environment;

	BuildTimeSettingsRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (registry.containsBeanDefinition(BuildTimeSettings.BEAN_NAME)) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(BuildTimeSettings.class);
		definition.getConstructorArgumentValues()
			.addIndexedArgumentValue(0, BuildTimeSettings.describe(this.environment));
		registry.registerBeanDefinition(BuildTimeSettings.BEAN_NAME, definition);
	}

}
