package io.github.ipcboot.shm;

import java.lang.reflect.Method;

import io.github.ipcboot.autoconfigure.PayloadListenerMethod;

/**
 * A {@link ShmListener} method and how to call it.
 */
final class ShmListenerMethod extends PayloadListenerMethod<ShmContext> {

	ShmListenerMethod(Object bean, Method method) {
		super(bean, method, ShmContext.class, "@ShmListener", "message");
	}

}
