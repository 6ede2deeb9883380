package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Prints what a Flight Recorder recording's execution samples say: the methods that were running
 * most often (self) and the methods on the most sampled stacks (inclusive, each counted once per
 * stack), as a share of all samples. Samples are of threads running Java code; time in system
 * calls shows in the recording's native samples, not here.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.load.JfrSummary recording.jfr [rows]
 * </pre>
 */
public final class JfrSummary {

	private JfrSummary() {
	}

	/**
	 * Print the summary.
	 * @param args the recording, then optionally how many rows per table (default 25)
	 * @throws IOException if the recording cannot be read
	 */
	public static void main(String[] args) throws IOException {
		int rows = (args.length > 1) ? Integer.parseInt(args[1]) : 25;
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			RecordedStackTrace stack = event.getStackTrace();
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
					|| stack.getFrames().isEmpty()) {
				continue;
			}
			samples++;
			List<RecordedFrame> frames = stack.getFrames();
			self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : frames) {
				String name = name(frame.getMethod());
				if (seen.add(name)) {
					inclusive.merge(name, 1, Integer::sum);
				}
			}
		}
		System.out.printf("%,d execution samples%n", samples);
		print("self", self, samples, rows);
		print("inclusive", inclusive, samples, rows);
	}

	private static String name(RecordedMethod method) {
		String type = method.getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
	}

	private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
		System.out.printf("%n| %s | share |%n| --- | ---: |%n", title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(rows)
			.forEach((entry) -> System.out.printf("| `%s` | %.1f%% |%n", entry.getKey(),
					100.0 * entry.getValue() / Math.max(1, samples)));
	}

}
