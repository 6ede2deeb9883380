/**
 * TCP servers and clients built on Spring Integration's connection factories.
 */
@NullMarked
package io.github.ipcboot.tcp;

import org.jspecify.annotations.NullMarked;
