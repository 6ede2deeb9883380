package io.github.ipcboot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.core.ResolvableType;

import static io.github.ipcboot.autoconfigure.PropertyClasses.ROOTS;
import static io.github.ipcboot.autoconfigure.PropertyClasses.configNames;
import static io.github.ipcboot.autoconfigure.PropertyClasses.dashed;
import static io.github.ipcboot.autoconfigure.PropertyClasses.descriptors;
import static io.github.ipcboot.autoconfigure.PropertyClasses.isGroup;
import static io.github.ipcboot.autoconfigure.PropertyClasses.javadoc;
import static io.github.ipcboot.autoconfigure.PropertyClasses.prefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata that the build generates (with the manual
 * {@code additional-spring-configuration-metadata.json} merged in) against the properties classes,
 * so that the two cannot drift: every property has a description and, where it has one, its
 * default; every enum and signal list has hints naming each value; every map of servers, clients,
 * endpoints or commands has a hint naming its value type, whose properties (which the metadata
 * format cannot list) each have a Javadoc, naming every value of an enum.
 */
class ConfigurationMetadataTests {

	private final List<Map<String, Object>> properties = read("$.properties[*]");

	private final List<Map<String, Object>> hints = read("$.hints[*]");

	@Test
	void everyPropertyShouldHaveADescriptionAndItsDefault() {
		List<String> checked = new ArrayList<>();
		for (Class<?> root : ROOTS) {
			walk(prefix(root), BeanUtils.instantiateClass(root), checked);
		}
		assertThat(checked).contains("ipc.tcp.servers", "ipc.process.queue.wait", "ipc.shutdown.signals",
				"management.health.tcpclients.fail-when-unreachable");
	}

	@Test
	void everyMapOfGroupsShouldHaveAHintNamingItsValueType() {
		for (Class<?> root : ROOTS) {
			for (PropertyDescriptor descriptor : descriptors(root)) {
				ResolvableType type = ResolvableType.forMethodReturnType(descriptor.getReadMethod());
				if (Map.class.isAssignableFrom(type.toClass()) && isGroup(type.asMap().getGeneric(1).toClass())) {
					String name = prefix(root) + "." + dashed(descriptor);
					Map<String, Object> hint = hint(name + ".values");
					assertThat(JsonPath.<List<String>>read(hint, "$.providers[*].name")).as(name).containsExactly("handle-as");
					assertThat(JsonPath.<String>read(hint, "$.providers[0].parameters.target")).as(name)
						.isEqualTo(type.asMap().getGeneric(1).toClass().getName());
				}
			}
		}
	}

	@Test
	void everyPropertyOfANamedServerClientEndpointOrCommandShouldHaveAJavadoc() throws IOException {
		List<String> checked = new ArrayList<>();
		for (Class<?> root : ROOTS) {
			for (PropertyDescriptor descriptor : descriptors(root)) {
				ResolvableType type = ResolvableType.forMethodReturnType(descriptor.getReadMethod());
				if (Map.class.isAssignableFrom(type.toClass()) && isGroup(type.asMap().getGeneric(1).toClass())) {
					checkJavadocs(prefix(root) + "." + dashed(descriptor) + ".<name>", type.asMap().getGeneric(1).toClass(),
							checked);
				}
			}
		}
		assertThat(checked).contains("ipc.tcp.servers.<name>.length-header-size",
				"ipc.tcp.clients.<name>.ssl.verify-hostname", "ipc.process.commands.<name>.allowed-args",
				"ipc.udp.endpoints.<name>.multicast.group");
	}

	@Test
	void signalListsShouldHaveTheirDefaultsAndHints() {
		assertThat(property("ipc.shutdown.signals")).containsEntry("defaultValue", List.of("TERM", "INT"));
		assertThat(property("ipc.shutdown.event-signals")).containsEntry("defaultValue", List.of("HUP"));
		for (String name : List.of("ipc.shutdown.signals", "ipc.shutdown.event-signals")) {
			assertThat(JsonPath.<List<String>>read(hint(name), "$.values[*].value")).contains("TERM", "INT", "HUP",
					"USR1", "USR2");
		}
	}

	private void walk(String prefix, Object group, List<String> checked) {
		BeanWrapperImpl wrapper = new BeanWrapperImpl(group);
		for (PropertyDescriptor descriptor : descriptors(group.getClass())) {
			String name = prefix + "." + dashed(descriptor);
			Class<?> type = descriptor.getPropertyType();
			Object value = wrapper.getPropertyValue(descriptor.getName());
			if (isGroup(type)) {
				walk(name, value, checked);
				continue;
			}
			Map<String, Object> property = property(name);
			String description = (String) property.get("description");
			assertThat(description).as(name).isNotBlank();
			if (hasDefault(value)) {
				assertThat(property).as(name + " has a default").containsKey("defaultValue");
			}
			else if (!(value instanceof Map) && !(value instanceof Collection)) {
				assertThat(description.toLowerCase(Locale.ROOT)).as(name + " says what applies when it is not set")
					.containsAnyOf("when not set", "by default", "defaults to");
			}
			if (type.isEnum()) {
				assertThat(JsonPath.<List<String>>read(hint(name), "$.values[*].value")).as(name)
					.containsExactlyInAnyOrderElementsOf(configNames(type));
				assertThat(JsonPath.<List<String>>read(hint(name), "$.values[*].description")).as(name)
					.doesNotContainNull()
					.allSatisfy((text) -> assertThat(text).isNotBlank());
			}
			checked.add(name);
		}
	}

	private void checkJavadocs(String prefix, Class<?> group, List<String> checked) throws IOException {
		for (PropertyDescriptor descriptor : descriptors(group)) {
			String name = prefix + "." + dashed(descriptor);
			Class<?> type = descriptor.getPropertyType();
			if (isGroup(type)) {
				checkJavadocs(name, type, checked);
			}
			String javadoc = javadoc(group, descriptor);
			assertThat(javadoc).as(name + " has a Javadoc").isNotBlank();
			if (type.isEnum()) {
				assertThat(javadoc).as(name + " names each value").contains(configNames(type));
			}
			checked.add(name);
		}
	}

	private static boolean hasDefault(Object value) {
		if (value == null) {
			return false;
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		if (value instanceof Collection<?> collection) {
			return !collection.isEmpty();
		}
		return true;
	}

	private Map<String, Object> property(String name) {
		return this.properties.stream()
			.filter((property) -> name.equals(property.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No metadata for " + name));
	}

	private Map<String, Object> hint(String name) {
		return this.hints.stream()
			.filter((hint) -> name.equals(hint.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No hint for " + name));
	}

	private static List<Map<String, Object>> read(String path) {
		try {
			return JsonPath.read(new File("target/classes/META-INF/spring-configuration-metadata.json"), path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The build generates the metadata before the tests run", ex);
		}
	}

}
