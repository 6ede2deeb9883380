package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A selector that one thread of a {@link UnixChannelView} waits in for its channel (to be readable
 * or writable), closed with the channel. The JDK closes the descriptor of a channel registered
 * with a selector only once every such selector has deregistered it: a selector left open after
 * its channel was closed keeps the socket, and its own descriptors, open for good. So the view
 * closes the selector when the channel closes, whatever thread closes it ({@link Selector#close()}
 * is safe while another thread waits in it: that wait returns), and the waiting thread then sees
 * a {@link ClosedChannelException}.
 * <p>
 * The selector is published before the channel is registered with it, and the closing thread
 * closes the channel before it looks for the selector: either the closing thread finds it and
 * closes it, or the registration finds the channel closed and the selector is closed here.
 */
final class ChannelSelector {

	private ChannelSelector() {
	}

	/**
	 * Open a selector watching the channel for the given operations.
	 * @param channel the channel, in non-blocking mode
	 * @param ops the operations to wait for
	 * @param publish stores the selector where the closing thread will find it, before the
	 * channel is registered
	 * @return the selector
	 * @throws ClosedChannelException if the channel was closed (the selector is closed too)
	 * @throws IOException if no selector could be opened
	 */
	static Selector open(SocketChannel channel, int ops, Consumer<@Nullable Selector> publish) throws IOException {
		Selector selector = Selector.open();
		publish.accept(selector);
		try {
			channel.register(selector, ops);
			return selector;
		}
		catch (ClosedSelectorException ex) {
			// the channel was closed, and its selector with it
			selector.close();
			throw closed(ex);
		}
		catch (IOException | RuntimeException ex) {
			publish.accept(null);
			selector.close();
			throw ex;
		}
	}

	/**
	 * Wait in the selector.
	 * @param selector the selector
	 * @param timeoutMillis how long at most; 0 for no limit
	 * @return the number of keys selected
	 * @throws ClosedChannelException if the channel, and with it the selector, was closed
	 * @throws IOException if the selector failed
	 */
	static int select(Selector selector, long timeoutMillis) throws IOException {
		try {
			int count = selector.select(timeoutMillis);
			selector.selectedKeys().clear();
			return count;
		}
		catch (ClosedSelectorException ex) {
			throw closed(ex);
		}
	}

	/**
	 * Close a selector, if any (the channel was closed).
	 * @param selector the selector, or {@code null}
	 */
	static void close(@Nullable Selector selector) {
		if (selector == null) {
			return;
		}
		try {
			selector.close();
		}
		catch (IOException ex) {
			// its keys are deregistered before it fails to release its own descriptors
		}
	}

	/**
	 * What a reader or writer sees when the channel closed under it: the selector's close is a
	 * consequence, not a cause of its own.
	 */
	private static ClosedChannelException closed(Exception closedSelector) {
		return new ClosedChannelException();
	}

}
