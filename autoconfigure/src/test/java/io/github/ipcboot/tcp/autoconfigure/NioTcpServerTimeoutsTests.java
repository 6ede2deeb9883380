package io.github.ipcboot.tcp.autoconfigure;

/**
 * Every test of {@link TcpServerTimeoutsTests} with the server in NIO mode, whose connections
 * write through Spring Integration's channel stream and read through its pipe.
 */
class NioTcpServerTimeoutsTests extends TcpServerTimeoutsTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
