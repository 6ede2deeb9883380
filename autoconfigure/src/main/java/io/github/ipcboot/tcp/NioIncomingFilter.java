package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Takes what is not the connection's data (the PROXY protocol header) from the bytes a
 * {@link NioFrameReader} reads.
 */
interface NioIncomingFilter {

	/**
	 * Take the bytes that are not the connection's data from the start of the buffer.
	 * @param buffer the bytes read, from its position to its limit
	 * @return whether what remains of the buffer is the connection's data
	 * @throws IOException if the bytes are not what the connection must begin with
	 */
	boolean passOn(ByteBuffer buffer) throws IOException;

	/**
	 * The client ended its sending side (a PROXY protocol header cut short is counted).
	 */
	void inputEnded();

}
