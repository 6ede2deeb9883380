package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.OutputStream;

import io.github.ipcboot.framing.FramingException;

import org.springframework.core.serializer.Serializer;

/**
 * A connection's serializer that counts the frames it writes and their bytes into the
 * connection's {@link ConnectionStats}. A frame the codec refuses before writing a byte of it
 * fails with {@link TcpFrameNotWritableException}, which leaves the connection open. Connections call their serializer while they hold their
 * write lock, one frame at a time.
 */
final class CountingSerializer implements Serializer<Object> {

	private final Serializer<Object> delegate;

	private final ConnectionStats stats;

	@SuppressWarnings("unchecked")
	CountingSerializer(Serializer<?> delegate, ConnectionStats stats) {
		this.delegate = (Serializer<Object>) delegate;
		this.stats = stats;
	}

	boolean isFor(Serializer<?> serializer) {
		return this.delegate == serializer;
	}

	@Override
	public void serialize(Object object, OutputStream outputStream) throws IOException {
		CountingOutputStream counting = new CountingOutputStream(outputStream);
		boolean whole = false;
		try {
			this.delegate.serialize(object, counting);
			whole = true;
		}
		catch (FramingException ex) {
			if (counting.count == 0 && object instanceof byte[] frame) {
				// refused before a byte was written: the connection's stream is intact
				throw new TcpFrameNotWritableException(frame.length, ex);
			}
			throw ex;
		}
		finally {
			this.stats.sent(counting.count, whole);
		}
	}

	private static final class CountingOutputStream extends OutputStream {

		private final OutputStream target;

		private long count;

		CountingOutputStream(OutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) throws IOException {
			this.target.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.target.write(bytes, offset, length);
			this.count += length;
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
		}

	}

}
