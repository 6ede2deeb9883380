package io.github.ipcboot.udp;

import java.lang.reflect.Method;

import io.github.ipcboot.autoconfigure.PayloadListenerMethod;

/**
 * A {@link UdpListener} method and how to call it: which parameter takes the datagram (as bytes or
 * text) and which the {@link UdpContext}, and how its result becomes the reply datagram.
 */
final class UdpListenerMethod extends PayloadListenerMethod<UdpContext> {

	UdpListenerMethod(Object bean, Method method) {
		super(bean, method, UdpContext.class, "@UdpListener", "datagram");
	}

}
