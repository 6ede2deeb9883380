package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpTlsReloadTests} with the server and the client in NIO mode.
 */
class NioTcpTlsReloadTests extends TcpTlsReloadTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
