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

	@Override
	String closeReasonOfAStreamEndingInsideAFrame() {
		// a NIO connection closes as soon as it reads the end of the stream, before the codec
		// finds the frame incomplete
		return "normal";
	}

}
