package io.github.ipcboot.tcp.unix;

/**
 * Every test of {@link UnixSocketPeerAllowListTests} with the server in NIO mode.
 */
class NioUnixSocketPeerAllowListTests extends UnixSocketPeerAllowListTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
