package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpTlsHostileClientTests} with the server in NIO mode.
 */
class NioTcpTlsHostileClientTests extends TcpTlsHostileClientTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
