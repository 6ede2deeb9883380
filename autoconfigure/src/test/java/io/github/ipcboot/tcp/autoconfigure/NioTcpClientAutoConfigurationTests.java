package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpClientAutoConfigurationTests} with the client in NIO mode.
 */
class NioTcpClientAutoConfigurationTests extends TcpClientAutoConfigurationTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
