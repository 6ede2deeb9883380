package io.github.ipcboot.shm;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A mapped channel file: its header and its two rings. The server creates it under a temporary name
 * and renames it into place, so a client never sees a half-written file; a client opens it and
 * checks every number of the header against the file's length before it maps a ring.
 */
final class ShmFile implements AutoCloseable {

	private final Path path;

	private final MappedByteBuffer mapped;

	private final ShmHeader header;

	private final UnsafeBuffer requestRing;

	private final UnsafeBuffer replyRing;

	private ShmFile(Path path, MappedByteBuffer mapped, int requestCapacity, int replyCapacity) {
		this.path = path;
		this.mapped = mapped;
		this.header = new ShmHeader(new UnsafeBuffer(mapped, 0, ShmLayout.HEADER_LENGTH));
		this.requestRing = new UnsafeBuffer(mapped, ShmLayout.requestRingOffset(),
				requestCapacity + RingBufferDescriptor.TRAILER_LENGTH);
		this.replyRing = new UnsafeBuffer(mapped, (int) ShmLayout.replyRingOffset(requestCapacity),
				replyCapacity + RingBufferDescriptor.TRAILER_LENGTH);
	}

	/**
	 * Create a new file for a server, in place of none or of a stale one (see {@link StaleFileCheck}).
	 * @param settings the server's settings
	 * @param pid the server's process id
	 * @return the mapped file, with state {@link ShmLayout#STATE_READY}
	 */
	static ShmFile create(ShmChannelSettings settings, long pid) {
		checkByteOrder();
		Path path = settings.file().toAbsolutePath();
		StaleFileCheck.removeIfStale(settings, path);
		long length = ShmLayout.fileLength(settings.capacity(), settings.capacity());
		Path temporary = path.resolveSibling(path.getFileName() + ".tmp-" + pid);
		try {
			Files.deleteIfExists(temporary);
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(settings.permissions()));
			// the umask may have taken bits away
			Files.setPosixFilePermissions(temporary, settings.permissions());
			MappedByteBuffer mapped = map(temporary, length);
			ShmFile file = new ShmFile(path, mapped, settings.capacity(), settings.capacity());
			file.header.initialise(settings.capacity(), settings.maxMessageSize(), pid, System.currentTimeMillis());
			Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException | UnsupportedOperationException ex) {
			deleteQuietly(temporary);
			throw new ShmFileException("Cannot create channel file " + path + " of " + length + " bytes for channel '"
					+ settings.name() + "': " + ex, ex);
		}
	}

	/**
	 * Open a server's file for a client.
	 * @param path the file
	 * @return the mapped file
	 * @throws ShmFileException if it does not exist or its header does not match its length
	 */
	static ShmFile open(Path path) {
		checkByteOrder();
		try {
			long size = Files.size(path);
			if (size < ShmLayout.HEADER_LENGTH || size > Integer.MAX_VALUE) {
				throw new ShmFileException("Channel file " + path + " has " + size + " bytes; expected at least "
						+ ShmLayout.HEADER_LENGTH + " and less than 2 GiB", null);
			}
			MappedByteBuffer mapped = map(path, size);
			ShmHeader header = new ShmHeader(new UnsafeBuffer(mapped, 0, ShmLayout.HEADER_LENGTH));
			try {
				header.check(path, size);
			}
			catch (ShmFileException ex) {
				IoUtil.unmap(mapped);
				throw ex;
			}
			return new ShmFile(path, mapped, header.requestCapacity(), header.replyCapacity());
		}
		catch (IOException ex) {
			throw new ShmFileException("Cannot open channel file " + path + ": " + ex, ex);
		}
	}

	private static MappedByteBuffer map(Path path, long length) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			if (channel.size() < length) {
				channel.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
			}
			return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
		}
	}

	private static void checkByteOrder() {
		if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
			throw new ShmFileException("Shared-memory channels need a little-endian platform; this one is "
					+ ByteOrder.nativeOrder(), null);
		}
	}

	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// nothing more to do: the next server start replaces a stale file
		}
	}

	Path path() {
		return this.path;
	}

	ShmHeader header() {
		return this.header;
	}

	UnsafeBuffer requestRing() {
		return this.requestRing;
	}

	UnsafeBuffer replyRing() {
		return this.replyRing;
	}

	/**
	 * Unmap the file. Nothing may touch its buffers afterwards.
	 */
	@Override
	public void close() {
		IoUtil.unmap(this.mapped);
	}

}
