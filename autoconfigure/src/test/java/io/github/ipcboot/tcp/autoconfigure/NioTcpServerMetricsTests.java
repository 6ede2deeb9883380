package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpServerMetricsTests} with the server in NIO mode, whose connections count
 * their bytes and frames in other places than blocking ones.
 */
class NioTcpServerMetricsTests extends TcpServerMetricsTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
