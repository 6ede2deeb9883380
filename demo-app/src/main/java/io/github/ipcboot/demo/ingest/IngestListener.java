package io.github.ipcboot.demo.ingest;

import io.github.ipcboot.tcp.TcpListener;

import org.springframework.stereotype.Component;

/**
 * Acknowledges every frame of the {@code ingest} server (HL7 MLLP framing: {@code \x0b} frame
 * {@code \x1c\r}) with one frame {@code ACK <byte-length-of-the-frame>}. The frame is taken as
 * bytes, so any content but the end sequence is acknowledged with its exact length.
 */
@Component
public class IngestListener {

	/**
	 * The name of the server, as configured under {@code ipc.tcp.servers}.
	 */
	public static final String SERVER = "ingest";

	/**
	 * Acknowledges one frame.
	 * @param frame the frame's bytes, without the framing bytes
	 * @return the acknowledgement frame
	 */
	@TcpListener(SERVER)
	public String onFrame(byte[] frame) {
		return "ACK " + frame.length;
	}

}
