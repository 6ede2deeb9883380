package io.github.ipcboot.tcp.unix;

/**
 * Every test of {@link UnixSocketServerTests} with the server in NIO mode.
 */
class NioUnixSocketServerTests extends UnixSocketServerTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
