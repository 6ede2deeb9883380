package io.github.ipcboot.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The live processes of a run found at one moment.
 *
 * @param group the members of its process group
 * @param marked the processes outside the group that carry the run's marker variable
 */
record RunMembers(List<ProcessHandle> group, List<ProcessHandle> marked) {

	static final RunMembers NONE = new RunMembers(List.of(), List.of());

	boolean isEmpty() {
		return this.group.isEmpty() && this.marked.isEmpty();
	}

	List<ProcessHandle> all() {
		List<ProcessHandle> all = new ArrayList<>(this.group);
		all.addAll(this.marked);
		return all;
	}

}
