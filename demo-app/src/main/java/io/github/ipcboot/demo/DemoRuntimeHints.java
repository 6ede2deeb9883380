package io.github.ipcboot.demo;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The resources a native image of the demo must include: the key and trust stores of the
 * {@code tls} profile, which its SSL bundle loads from the class path.
 */
class DemoRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("demo-tls/*.p12");
	}

}
