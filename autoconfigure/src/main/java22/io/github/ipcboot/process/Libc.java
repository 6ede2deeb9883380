package io.github.ipcboot.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The C library functions the native launcher calls, bound through the Foreign Function &amp;
 * Memory API (glibc on Linux). Creating it fails with {@link IllegalStateException} where a
 * function is missing ({@code posix_spawn_file_actions_addclosefrom_np} needs glibc 2.34).
 */
final class Libc {

	/** {@code O_CLOEXEC} on Linux (x86-64 and AArch64). */
	static final int O_CLOEXEC = 0x80000;

	static final int O_RDONLY = 0;

	static final int POSIX_SPAWN_SETSIGDEF = 0x04;

	static final int POSIX_SPAWN_SETSIGMASK = 0x08;

	/** glibc's {@code POSIX_SPAWN_SETSID} (2.26 and later). */
	static final int POSIX_SPAWN_SETSID = 0x80;

	static final int EINTR = 4;

	/** {@code PR_SET_CHILD_SUBREAPER} of {@code <linux/prctl.h>}. */
	static final int PR_SET_CHILD_SUBREAPER = 36;

	/** Room for glibc's {@code posix_spawn_file_actions_t} (80 bytes), {@code posix_spawnattr_t} (336) and {@code sigset_t} (128). */
	static final long OPAQUE_SIZE = 1024;

	// --- waitid, for the orphan reaper's look for zombie children ---

	/** {@code P_ALL} of {@code <sys/wait.h>}: any child. */
	static final int P_ALL = 0;

	static final int WNOHANG = 1;

	static final int WEXITED = 4;

	/** {@code WNOWAIT}: report a waitable child but leave it waitable (reap nothing). */
	static final int WNOWAIT = 0x01000000;

	static final int ECHILD = 10;

	/** The size of {@code siginfo_t} on Linux. */
	static final long SIGINFO_SIZE = 128;

	/** Where {@code si_pid} lies in {@code siginfo_t} on 64-bit Linux. */
	static final long SIGINFO_PID_OFFSET = 16;

	/** {@code int waitid(idtype_t idtype, id_t id, siginfo_t *infop, int options)}. */
	final MethodHandle waitid;

	// --- end waitid ---

	private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();

	private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

	final MethodHandle pipe2;

	final MethodHandle close;

	final MethodHandle fileActionsInit;

	final MethodHandle fileActionsDestroy;

	final MethodHandle addDup2;

	final MethodHandle addOpen;

	final MethodHandle addChdir;

	final MethodHandle addCloseFrom;

	final MethodHandle attrInit;

	final MethodHandle attrDestroy;

	final MethodHandle attrSetFlags;

	final MethodHandle attrSetSigMask;

	final MethodHandle attrSetSigDefault;

	final MethodHandle sigEmptySet;

	final MethodHandle sigFillSet;

	final MethodHandle spawnp;

	final MethodHandle waitpid;

	final MethodHandle kill;

	final MethodHandle strerror;

	/** {@code int prctl(int option, ...)}, called with one {@code unsigned long} argument. */
	final MethodHandle prctl;

	final MemorySegment environ;

	private final Linker linker = Linker.nativeLinker();

	private final SymbolLookup lookup = this.linker.defaultLookup();

	Libc() {
		if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
			throw new IllegalStateException("posix_spawn is bound for Linux only (running on "
					+ System.getProperty("os.name") + ")");
		}
		this.pipe2 = function("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), true);
		this.close = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
		this.fileActionsInit = function("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
		this.fileActionsDestroy = function("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS),
				false);
		this.addDup2 = function("posix_spawn_file_actions_adddup2",
				FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), false);
		this.addOpen = function("posix_spawn_file_actions_addopen",
				FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), false);
		this.addChdir = function("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
				false);
		this.addCloseFrom = function("posix_spawn_file_actions_addclosefrom_np",
				FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), false);
		this.attrInit = function("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
		this.attrDestroy = function("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
		this.attrSetFlags = function("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT),
				false);
		this.attrSetSigMask = function("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
				false);
		this.attrSetSigDefault = function("posix_spawnattr_setsigdefault",
				FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), false);
		this.sigEmptySet = function("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
		this.sigFillSet = function("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
		this.spawnp = function("posix_spawnp",
				FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS), false);
		this.waitpid = function("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
		this.kill = function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
		this.strerror = function("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);
		this.prctl = this.linker.downcallHandle(symbol("prctl"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG),
				Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
		this.environ = symbol("environ").reinterpret(ADDRESS.byteSize());
		// waitid, for the orphan reaper
		this.waitid = function("waitid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
	}

	private MethodHandle function(String name, FunctionDescriptor descriptor, boolean errno) {
		MemorySegment address = symbol(name);
		return errno ? this.linker.downcallHandle(address, descriptor, Linker.Option.captureCallState("errno"))
				: this.linker.downcallHandle(address, descriptor);
	}

	private MemorySegment symbol(String name) {
		return this.lookup.find(name)
			.orElseThrow(() -> new IllegalStateException("the C library has no " + name + " (glibc 2.34+ needed)"));
	}

	/**
	 * Allocates room for the {@code errno} a call captures.
	 */
	static MemorySegment errnoState(Arena arena) {
		return arena.allocate(CAPTURE);
	}

	static int errno(MemorySegment state) {
		return (int) ERRNO.get(state, 0L);
	}

	/**
	 * Returns the text of an error number, such as {@code No such file or directory}.
	 */
	String describe(int error) {
		try {
			MemorySegment text = (MemorySegment) this.strerror.invokeExact(error);
			return text.reinterpret(1024).getString(0);
		}
		catch (Throwable ex) {
			return "error " + error;
		}
	}

}
