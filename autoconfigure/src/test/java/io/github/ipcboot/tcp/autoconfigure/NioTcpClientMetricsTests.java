package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpClientMetricsTests} with the client in NIO mode.
 */
class NioTcpClientMetricsTests extends TcpClientMetricsTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
