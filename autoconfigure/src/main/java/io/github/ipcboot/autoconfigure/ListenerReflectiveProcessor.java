package io.github.ipcboot.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Set;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * Registers the reflection hints of a {@code @TcpListener} or {@code @UdpListener} method for an
 * AOT-processed application or a native image: the method is invoked, and the types of its
 * parameters and result that are converted from and to frames (e.g. records read from JSON) are
 * bound. The frame types ({@code byte[]}, {@code String}) and the starter's own types need no hint.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class ListenerReflectiveProcessor extends SimpleReflectiveProcessor {

	/**
	 * The packages of the starter's own parameter types ({@code TcpSession}, {@code UdpContext},
	 * {@code ShmContext}).
	 */
	private static final Set<String> STARTER_PACKAGES = Set.of("io.github.ipcboot.tcp", "io.github.ipcboot.udp",
			"io.github.ipcboot.shm");

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		for (int i = 0; i < method.getParameterCount(); i++) {
			registerBinding(hints, method.getParameterTypes()[i], method.getGenericParameterTypes()[i]);
		}
		registerBinding(hints, method.getReturnType(), method.getGenericReturnType());
	}

	private void registerBinding(ReflectionHints hints, Class<?> type, Type genericType) {
		if (type.isPrimitive() || type == byte[].class || type.getName().startsWith("java.")
				|| STARTER_PACKAGES.contains(type.getPackageName())) {
			return;
		}
		this.bindingRegistrar.registerReflectionHints(hints, genericType);
	}

}
