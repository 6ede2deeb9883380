package io.github.ipcboot.process;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * An environment encoded once as {@code NAME=VALUE} C strings, end to end: each spawn copies the
 * block into its arena in one go and points its {@code envp} into it, instead of building a map
 * and allocating a string per variable.
 */
final class EnvironmentBlock {

	private final byte[] bytes;

	private final int[] offsets;

	private EnvironmentBlock(byte[] bytes, int[] offsets) {
		this.bytes = bytes;
		this.offsets = offsets;
	}

	/**
	 * Encodes an environment, leaving one variable out.
	 * @param environment the variables
	 * @param excluded the name of the variable to leave out (each spawn adds its own value)
	 */
	static EnvironmentBlock of(Map<String, String> environment, String excluded) {
		ByteArrayOutputStream block = new ByteArrayOutputStream();
		int[] offsets = new int[environment.size()];
		int count = 0;
		for (Map.Entry<String, String> entry : environment.entrySet()) {
			if (!entry.getKey().equals(excluded)) {
				offsets[count++] = block.size();
				block.writeBytes((entry.getKey() + "=" + entry.getValue()).getBytes(StandardCharsets.UTF_8));
				block.write(0);
			}
		}
		return new EnvironmentBlock(block.toByteArray(), Arrays.copyOf(offsets, count));
	}

	/**
	 * Returns a {@code NULL}-terminated {@code envp} array in the arena: the block's variables
	 * and one more entry.
	 * @param extra a {@code NAME=VALUE} entry to add, or {@code null}
	 */
	MemorySegment allocate(Arena arena, @Nullable String extra) {
		byte[] added = (extra != null) ? (extra + "\0").getBytes(StandardCharsets.UTF_8) : new byte[0];
		MemorySegment block = arena.allocate(this.bytes.length + added.length + 1L);
		MemorySegment.copy(this.bytes, 0, block, JAVA_BYTE, 0, this.bytes.length);
		MemorySegment.copy(added, 0, block, JAVA_BYTE, this.bytes.length, added.length);
		int entries = this.offsets.length + ((extra != null) ? 1 : 0);
		MemorySegment envp = arena.allocate(ADDRESS, entries + 1L);
		for (int i = 0; i < this.offsets.length; i++) {
			envp.setAtIndex(ADDRESS, i, block.asSlice(this.offsets[i]));
		}
		if (extra != null) {
			envp.setAtIndex(ADDRESS, this.offsets.length, block.asSlice(this.bytes.length));
		}
		envp.setAtIndex(ADDRESS, entries, MemorySegment.NULL);
		return envp;
	}

}
