package io.github.ipcboot.shm;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A mapped channel file: its header and its two rings. The server creates it under a temporary name
 * and renames it into place, so a client never sees a half-written file; a client opens it and
 * checks every number of the header against the file's length before it maps a ring.
 */
final class ShmFile implements AutoCloseable {

	private final Path path;

	private final FileChannel channel;

	private final @Nullable Object fileKey;

	private final MappedByteBuffer mapped;

	private final ShmHeader header;

	private final UnsafeBuffer requestRing;

	private final UnsafeBuffer replyRing;

	private final int maxMessageSize;

	private ShmFile(Path path, FileChannel channel, @Nullable Object fileKey, MappedByteBuffer mapped,
			ShmHeader.Sizes sizes) {
		int requestCapacity = sizes.requestCapacity();
		int replyCapacity = sizes.replyCapacity();
		this.maxMessageSize = sizes.maxMessageSize();
		this.path = path;
		this.channel = channel;
		this.fileKey = fileKey;
		this.mapped = mapped;
		this.header = new ShmHeader(new UnsafeBuffer(mapped, 0, ShmLayout.HEADER_LENGTH));
		this.requestRing = new UnsafeBuffer(mapped, ShmLayout.requestRingOffset(),
				requestCapacity + RingBufferDescriptor.TRAILER_LENGTH);
		this.replyRing = new UnsafeBuffer(mapped, (int) ShmLayout.replyRingOffset(requestCapacity),
				replyCapacity + RingBufferDescriptor.TRAILER_LENGTH);
	}

	/**
	 * Create a new file for a server, in place of none or of a stale one (see {@link StaleFileCheck}).
	 * The temporary file has a name nobody can guess ({@code <file>.tmp-<random>}, so another user
	 * cannot squat it in a shared directory such as {@code /dev/shm}), is created once
	 * ({@code O_CREAT|O_EXCL}, no symbolic link followed, with its permissions), mapped through that
	 * channel, and never opened again by its name.
	 * @param settings the server's settings
	 * @param pid the server's process id
	 * @return the mapped file, with state {@link ShmLayout#STATE_READY}
	 */
	static ShmFile create(ShmChannelSettings settings, long pid) {
		checkByteOrder();
		Path path = settings.file().toAbsolutePath();
		StaleFileCheck.removeIfStale(settings, path);
		long length = ShmLayout.fileLength(settings.capacity(), settings.capacity());
		TemporaryFile temporary = null;
		FileChannel channel = null;
		try {
			temporary = TemporaryFile.create(path, settings);
			channel = temporary.channel();
			// the umask may have taken bits away; a symbolic link swapped in is not followed
			Files.getFileAttributeView(temporary.path(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
				.setPermissions(settings.permissions());
			Object fileKey = Files
				.readAttributes(temporary.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
				.fileKey();
			MappedByteBuffer mapped = map(channel, length);
			ShmFile file = new ShmFile(path, channel, fileKey, mapped,
					new ShmHeader.Sizes(settings.capacity(), settings.capacity(), settings.maxMessageSize()));
			file.header.initialise(settings.capacity(), settings.maxMessageSize(), pid, System.currentTimeMillis());
			Files.move(temporary.path(), path, StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException | UnsupportedOperationException | NullPointerException ex) {
			closeQuietly(channel);
			if (temporary != null) {
				deleteQuietly(temporary.path());
			}
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
		FileChannel channel = null;
		try {
			channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
			long size = channel.size();
			if (size < ShmLayout.HEADER_LENGTH || size > Integer.MAX_VALUE) {
				throw new ShmFileException("Channel file " + path + " has " + size + " bytes; expected at least "
						+ ShmLayout.HEADER_LENGTH + " and less than 2 GiB", null);
			}
			Object fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
			MappedByteBuffer mapped = map(channel, size);
			ShmHeader header = new ShmHeader(new UnsafeBuffer(mapped, 0, ShmLayout.HEADER_LENGTH));
			ShmHeader.Sizes sizes;
			try {
				sizes = header.check(path, size);
			}
			catch (ShmFileException ex) {
				IoUtil.unmap(mapped);
				throw ex;
			}
			return new ShmFile(path, channel, fileKey, mapped, sizes);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new ShmFileException("Cannot open channel file " + path + ": " + ex, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	private static MappedByteBuffer map(FileChannel channel, long length) throws IOException {
		if (channel.size() < length) {
			channel.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
		}
		return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		try {
			if (channel != null) {
				channel.close();
			}
		}
		catch (IOException ex) {
			// nothing more to do
		}
	}

	/**
	 * Check that the file still has the length that is mapped: a shorter file makes the next
	 * access to the pages past its end fault.
	 * @throws ShmMappingException if it was truncated or cannot be looked at
	 */
	void checkLength() {
		long size;
		try {
			size = this.channel.size();
		}
		catch (IOException ex) {
			throw new ShmMappingException("Cannot look at the length of channel file " + this.path + ": " + ex, ex);
		}
		if (size < this.mapped.capacity()) {
			throw new ShmMappingException("Channel file " + this.path + " was truncated to " + size + " bytes; "
					+ this.mapped.capacity() + " are mapped", null);
		}
	}

	/**
	 * Return whether the file at the path is still the one mapped (same device and inode).
	 * @return whether it is; {@code false} when there is none or it cannot be looked at
	 */
	boolean isAtPath() {
		try {
			Object key = Files.readAttributes(this.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
				.fileKey();
			return key != null && key.equals(this.fileKey);
		}
		catch (IOException ex) {
			return false;
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
	 * Return the largest body the server reads, as checked when the file was opened.
	 * @return the size in bytes
	 */
	int maxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * Unmap the file. Nothing may touch its buffers afterwards.
	 */
	@Override
	public void close() {
		IoUtil.unmap(this.mapped);
		closeQuietly(this.channel);
	}

}
