package io.github.ipcboot.autoconfigure.diagnostics;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Keeps the starter's fail-fast binding (unknown keys under {@code ipc.*} fail the start-up) from
 * failing on an empty value of a property that exists: {@code ipc.shutdown.hard-deadline=}, an
 * environment variable set to nothing, a {@code ${VAR:}} placeholder. Spring Boot binds such a
 * value to nothing and would report it as unbound; here, as everywhere else in Boot, it means
 * "not set". An empty value of a key that does not exist still fails.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class EmptyValuesBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final ConfigurationPropertyName IPC = ConfigurationPropertyName.of("ipc");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					@Nullable Object result) throws Exception {
				try {
					super.onFinish(name, target, context, result);
				}
				catch (UnboundConfigurationPropertiesException ex) {
					if (!IPC.isAncestorOf(name)) {
						throw ex;
					}
					Set<ConfigurationProperty> left = new LinkedHashSet<>();
					for (ConfigurationProperty property : ex.getUnboundProperties()) {
						if (!isEmptyValueOfAKnownProperty(name, target, property)) {
							left.add(property);
						}
					}
					if (!left.isEmpty()) {
						throw (left.size() == ex.getUnboundProperties().size()) ? ex
								: new UnboundConfigurationPropertiesException(left);
					}
				}
			}

		};
	}

	private static boolean isEmptyValueOfAKnownProperty(ConfigurationPropertyName root, Bindable<?> target,
			ConfigurationProperty property) {
		Object value = property.getValue();
		if (!(value instanceof CharSequence text) || !text.toString().isBlank()) {
			return false;
		}
		PropertyTree.Miss miss = PropertyTree.locate(root, target.getType(), property.getName());
		return miss.key().isEmpty() && !miss.scalar();
	}

}
