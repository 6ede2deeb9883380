package io.github.ipcboot.shutdown;

/**
 * {@link GracefulShutdownCoordinatorTests} with NIO servers.
 */
class NioGracefulShutdownCoordinatorTests extends GracefulShutdownCoordinatorTests {

	@Override
	String ioMode() {
		return "nio";
	}

}
