package io.github.ipcboot.process;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The reflection a native image must allow for running processes: the virtual-thread API that
 * {@link ProcessThreads} looks up by reflection (the code compiles for Java 17), and the factory
 * method of the native launcher that {@link ProcessLaunchers} loads by name. Types and methods
 * are named, not loaded, so that the hints can be made on any JDK.
 */
class ProcessRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ReflectionHints reflection = hints.reflection();
		reflection.registerType(Thread.class, (type) -> type.withMethod("ofVirtual", List.of(), ExecutableMode.INVOKE));
		reflection.registerType(TypeReference.of("java.lang.Thread$Builder"),
				(type) -> type
					.withMethod("name", List.of(TypeReference.of(String.class), TypeReference.of(long.class)),
							ExecutableMode.INVOKE)
					.withMethod("factory", List.of(), ExecutableMode.INVOKE));
		reflection.registerType(Executors.class, (type) -> type.withMethod("newThreadPerTaskExecutor",
				List.of(TypeReference.of(ThreadFactory.class)), ExecutableMode.INVOKE));
		reflection.registerType(TypeReference.of(ProcessLaunchers.NATIVE_LAUNCHER),
				(type) -> type.withMethod("create", List.of(), ExecutableMode.INVOKE));
	}

}
