package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

import io.github.ipcboot.framing.FrameScanner;
import io.github.ipcboot.framing.FramingException;

/**
 * The bytes of one connection read by its {@link NioFrameReader} and not yet handled as frames: it
 * starts at {@value NioConnectionControl#READ_BUFFER_SIZE} bytes, grows only while a frame needs
 * it, up to the largest frame with its framing bytes, and shrinks back once that frame is handled.
 * <p>
 * Used by one thread at a time (the one Spring Integration gives the readable socket to).
 */
final class NioReadBuffer {

	private final int largest;

	private byte[] buffer = new byte[NioConnectionControl.READ_BUFFER_SIZE];

	private ByteBuffer target = ByteBuffer.wrap(this.buffer);

	private int position;

	private int limit;

	/**
	 * Create the buffer of one connection.
	 * @param largestFrameBytes the largest frame with its framing bytes
	 */
	NioReadBuffer(int largestFrameBytes) {
		this.largest = Math.max(largestFrameBytes, NioConnectionControl.READ_BUFFER_SIZE);
	}

	/**
	 * Read what the socket has after the unread bytes, less what is not the connection's data.
	 * @param channel the connection's channel
	 * @param incoming what takes the PROXY protocol header from the bytes read first
	 * @return the bytes of data read, 0 if none is there, -1 at the end of the stream
	 * @throws IOException if the read fails or the bytes are not what the connection must begin
	 * with
	 */
	int readFrom(SocketChannel channel, NioIncomingFilter incoming) throws IOException {
		makeRoom();
		int read = channel.read(this.target.limit(this.buffer.length).position(this.limit));
		if (read <= 0) {
			return read;
		}
		// the PROXY protocol header, if the server expects one, is not the connection's data
		ByteBuffer view = ByteBuffer.wrap(this.buffer, this.limit, read);
		if (!incoming.passOn(view)) {
			return 0;
		}
		int data = view.remaining();
		if (view.position() > this.limit) {
			System.arraycopy(this.buffer, view.position(), this.buffer, this.limit, data);
		}
		this.limit += data;
		return data;
	}

	/**
	 * Make room after the unread bytes for the next read: move them to the front when little is
	 * left, grow the buffer (up to the largest frame) when they fill it, shrink it back once a
	 * large frame is done.
	 */
	private void makeRoom() {
		int unread = this.limit - this.position;
		if (this.buffer.length > NioConnectionControl.READ_BUFFER_SIZE && unread < NioConnectionControl.READ_BUFFER_SIZE) {
			resize(NioConnectionControl.READ_BUFFER_SIZE);
		}
		else if (this.buffer.length - this.limit < (this.buffer.length >>> 3) && this.position > 0) {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, unread);
			this.position = 0;
			this.limit = unread;
		}
		if (this.limit == this.buffer.length) {
			// a frame larger than the buffer: the scanner has not reported it too large yet, so
			// the largest frame is larger than what is buffered
			resize((int) Math.min(this.largest, 2L * this.buffer.length));
		}
	}

	private void resize(int size) {
		int unread = this.limit - this.position;
		byte[] resized = new byte[size];
		System.arraycopy(this.buffer, this.position, resized, 0, unread);
		this.buffer = resized;
		this.target = ByteBuffer.wrap(resized);
		this.position = 0;
		this.limit = unread;
	}

	/**
	 * Find the next complete frame in the unread bytes.
	 * @param scanner the scanner of the connection's codec
	 * @return the length of the frame with its framing bytes, or {@link FrameScanner#INCOMPLETE}
	 * @throws FramingException if the bytes are not a frame that can be accepted
	 */
	int scan(FrameScanner scanner) throws FramingException {
		return scanner.scan(this.buffer, this.position, this.limit);
	}

	/**
	 * Take the frame the scanner has just found from the unread bytes.
	 * @param scanner the scanner that found it
	 * @param length its length with its framing bytes
	 * @return its content
	 */
	byte[] take(FrameScanner scanner, int length) {
		int offset = scanner.contentOffset();
		byte[] frame = Arrays.copyOfRange(this.buffer, offset, offset + scanner.contentLength());
		this.position += length;
		return frame;
	}

	/**
	 * Return how many bytes are read and not yet handled.
	 * @return the unread bytes
	 */
	int unread() {
		return this.limit - this.position;
	}

	/**
	 * Forget the unread bytes.
	 */
	void clear() {
		this.position = 0;
		this.limit = 0;
	}

}
