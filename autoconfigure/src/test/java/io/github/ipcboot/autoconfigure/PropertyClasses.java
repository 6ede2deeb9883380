package io.github.ipcboot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownProperties;
import io.github.ipcboot.tcp.autoconfigure.TcpClientsHealthIndicatorProperties;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import io.github.ipcboot.udp.autoconfigure.UdpProperties;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ReflectionUtils;

/**
 * The starter's properties classes as the metadata and documentation tests read them: roots,
 * bean properties, dashed names, enum values as written in configuration, and the Javadoc of each
 * property's field from the sources.
 */
final class PropertyClasses {

	static final List<Class<?>> ROOTS = List.of(TcpProperties.class, UdpProperties.class, ProcessProperties.class,
			ShutdownProperties.class, TcpClientsHealthIndicatorProperties.class);

	private static final Path SOURCES = Path.of("src/main/java");

	private PropertyClasses() {
	}

	static String prefix(Class<?> root) {
		return MergedAnnotations.from(root).get(ConfigurationProperties.class).getString("prefix");
	}

	static List<PropertyDescriptor> descriptors(Class<?> type) {
		return Arrays.stream(BeanUtils.getPropertyDescriptors(type))
			.filter((descriptor) -> descriptor.getReadMethod() != null && !"class".equals(descriptor.getName()))
			.toList();
	}

	static String dashed(PropertyDescriptor descriptor) {
		return DataObjectPropertyName.toDashedForm(descriptor.getName());
	}

	static boolean isGroup(Class<?> type) {
		return type.getName().startsWith("io.github.ipcboot.") && !type.isEnum();
	}

	static List<String> configNames(Class<?> enumType) {
		return Arrays.stream(enumType.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.toList();
	}

	/**
	 * Return the Javadoc of the field behind a property, its lines joined.
	 * @param group the class with the property
	 * @param descriptor the property
	 * @return the text, empty when the field has none
	 * @throws IOException if the source cannot be read
	 */
	static String javadoc(Class<?> group, PropertyDescriptor descriptor) throws IOException {
		Field field = ReflectionUtils.findField(group, descriptor.getName());
		if (field == null) {
			throw new AssertionError(group.getName() + "." + descriptor.getName() + " is not a field");
		}
		Class<?> outer = field.getDeclaringClass();
		while (outer.getEnclosingClass() != null) {
			outer = outer.getEnclosingClass();
		}
		String source = Files.readString(SOURCES.resolve(outer.getName().replace('.', '/') + ".java"));
		if (field.getDeclaringClass() != outer) {
			// a nested class: its own field, not the outer class's field of the same name
			source = source.substring(source.indexOf(" class " + field.getDeclaringClass().getSimpleName() + " "));
		}
		Matcher matcher = Pattern
			.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*private [^;=]*\\b"
					+ field.getName() + "\\s*[;=]", Pattern.DOTALL)
			.matcher(source);
		return matcher.find() ? matcher.group(1).replaceAll("\\n\\s*\\*", " ").replaceAll("\\s+", " ").strip() : "";
	}

}
