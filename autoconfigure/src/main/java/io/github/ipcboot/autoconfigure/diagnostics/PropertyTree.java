package io.github.ipcboot.autoconfigure.diagnostics;

import java.beans.PropertyDescriptor;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

/**
 * Finds where a property name leaves the tree of a properties class: the group it was meant for,
 * the keys that group has, and whether the name gives a list where a single value is expected.
 */
final class PropertyTree {

	private static final String BASE_PACKAGE = "io.github.ipcboot.";

	private PropertyTree() {
	}

	/**
	 * Follow a property name from the root of a properties class.
	 * @param root the name the class is bound to, e.g. {@code ipc.tcp}
	 * @param rootType the properties class
	 * @param name the full name of the property that was not bound
	 * @return where the name leaves the tree
	 */
	static Miss locate(ConfigurationPropertyName root, ResolvableType rootType, ConfigurationPropertyName name) {
		ResolvableType type = rootType;
		int i = root.getNumberOfElements();
		while (i < name.getNumberOfElements()) {
			Class<?> resolved = type.toClass();
			if (Map.class.isAssignableFrom(resolved)) {
				type = type.asMap().getGeneric(1);
				i++;
				continue;
			}
			if (Collection.class.isAssignableFrom(resolved) || resolved.isArray()) {
				type = resolved.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
				i++;
				continue;
			}
			ConfigurationPropertyName group = name.chop(i);
			if (!isGroup(resolved)) {
				return new Miss(group.chop(i - 1), group.getLastElement(ConfigurationPropertyName.Form.DASHED),
						resolved, Map.of(), true, name.isNumericIndex(i));
			}
			Map<String, Class<?>> keys = keys(resolved);
			String key = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
			Class<?> keyType = keys.get(key);
			if (keyType == null) {
				return new Miss(group, key, resolved, keys, false, false);
			}
			type = ResolvableType.forType(propertyType(resolved, key));
			i++;
		}
		return new Miss(name, "", type.toClass(), Map.of(), false, false);
	}

	private static java.lang.reflect.Type propertyType(Class<?> type, String key) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() != null
					&& DataObjectPropertyName.toDashedForm(descriptor.getName()).equals(key)) {
				return descriptor.getReadMethod().getGenericReturnType();
			}
		}
		throw new IllegalStateException("No property '" + key + "' in " + type.getName());
	}

	/**
	 * Return the keys of a group class, dashed, with their types, in alphabetical order.
	 * @param type the group class
	 * @return the keys
	 */
	static Map<String, Class<?>> keys(Class<?> type) {
		Map<String, Class<?>> keys = new TreeMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
				keys.put(DataObjectPropertyName.toDashedForm(descriptor.getName()), descriptor.getPropertyType());
			}
		}
		return keys;
	}

	private static boolean isGroup(Class<?> type) {
		return type.getName().startsWith(BASE_PACKAGE) && !type.isEnum() && !type.isInterface();
	}

	/**
	 * Where a name leaves the tree.
	 * @param group the group the name was meant for, e.g. {@code ipc.tcp.servers.orders}
	 * @param key the key that is not one of the group's, or, when {@code scalar}, the single-valued
	 * property that got a list or keys
	 * @param type the group's class, or the single-valued property's type
	 * @param keys the group's keys, empty when {@code scalar}
	 * @param scalar whether the name goes below a property that takes a single value
	 * @param list whether it does so with an index, as a YAML list does
	 */
	record Miss(ConfigurationPropertyName group, String key, Class<?> type, Map<String, Class<?>> keys,
			boolean scalar, boolean list) {

		/**
		 * Return the group's key closest to the one given, if any is close.
		 * @return the key, or {@code null}
		 */
		@Nullable String closestKey() {
			String best = null;
			int bestScore = 0;
			for (String candidate : this.keys.keySet()) {
				int score = similarity(this.key, candidate);
				if (score > bestScore) {
					best = candidate;
					bestScore = score;
				}
			}
			return best;
		}

		/**
		 * A small edit distance catches misspellings (bundel, bundle), a long common prefix a
		 * shortened key (max-datagram, max-datagram-size), words in common a key named
		 * differently (header-size, length-header-size).
		 */
		private static int similarity(String given, String candidate) {
			int distance = distance(given, candidate);
			if (distance <= Math.max(2, given.length() / 4)) {
				return 100 - distance;
			}
			int prefix = 0;
			while (prefix < Math.min(given.length(), candidate.length())
					&& given.charAt(prefix) == candidate.charAt(prefix)) {
				prefix++;
			}
			if (prefix >= 4) {
				return 50 + prefix;
			}
			int common = 0;
			for (String word : given.split("-")) {
				if (word.length() > 2 && candidate.contains(word)) {
					common++;
				}
			}
			return common * 10;
		}

		private static int distance(String a, String b) {
			int[] previous = new int[b.length() + 1];
			int[] current = new int[b.length() + 1];
			for (int j = 0; j <= b.length(); j++) {
				previous[j] = j;
			}
			for (int i = 1; i <= a.length(); i++) {
				current[0] = i;
				for (int j = 1; j <= b.length(); j++) {
					int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
					current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
				}
				int[] swap = previous;
				previous = current;
				current = swap;
			}
			return previous[b.length()];
		}

	}

}
