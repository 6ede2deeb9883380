package io.github.ipcboot.framing;

import java.io.InputStream;

/**
 * How a test hands bytes to a codec: through a {@link FrameInputStream} (bulk reads with
 * read-ahead) or as a plain stream (the codec reads only the current frame).
 */
enum ReadMode {

	BUFFERED {
		@Override
		InputStream open(byte[] data, int... chunks) {
			return new FrameInputStream(new ChunkedInputStream(data, chunks), 16);
		}
	},

	BUFFERED_DEFAULT_SIZE {
		@Override
		InputStream open(byte[] data, int... chunks) {
			return new FrameInputStream(new ChunkedInputStream(data, chunks));
		}
	},

	PLAIN {
		@Override
		InputStream open(byte[] data, int... chunks) {
			return new ChunkedInputStream(data, chunks);
		}
	};

	abstract InputStream open(byte[] data, int... chunks);

}
