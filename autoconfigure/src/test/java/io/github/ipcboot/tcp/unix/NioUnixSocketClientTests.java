package io.github.ipcboot.tcp.unix;

/**
 * Every test of {@link UnixSocketClientTests} with the client in NIO mode.
 */
class NioUnixSocketClientTests extends UnixSocketClientTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
