package io.github.ipcboot;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints why a test was skipped (disabled, or aborted by a failed assumption) on the build's
 * console. Surefire shows only the count there and keeps the reason in its XML report; this
 * listener writes to the test JVM's own standard error, which Surefire passes through to the
 * console even when test output goes to files. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public class SkipReasonPrinter implements TestExecutionListener {

	private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
			StandardCharsets.UTF_8);

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		print(test, reason);
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
		}
	}

	private static void print(TestIdentifier test, String reason) {
		CONSOLE.println("[SKIPPED] " + name(test) + ": " + reason);
	}

	private static String name(TestIdentifier test) {
		TestSource source = test.getSource().orElse(null);
		if (source instanceof MethodSource method) {
			return method.getClassName() + "." + method.getMethodName();
		}
		if (source instanceof ClassSource type) {
			return type.getClassName();
		}
		return test.getDisplayName();
	}

}
