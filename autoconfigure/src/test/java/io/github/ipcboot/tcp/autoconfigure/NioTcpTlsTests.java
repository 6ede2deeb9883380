package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpTlsTests} with the server and the client in NIO mode.
 */
class NioTcpTlsTests extends TcpTlsTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
