/**
 * Plumbing the transports (UDP, shared memory, TCP) share: their configured components by name,
 * the lifecycle of those components, and the counts every transport keeps. Application code
 * uses the transports' own types; it meets this package only as the {@link UnknownNameException}
 * (an {@link IllegalArgumentException}) of a lookup by a name that is not configured, and as the
 * getters every transport's stats inherit from {@link MessageStats}.
 */
@NullMarked
package io.github.ipcboot.support;

import org.jspecify.annotations.NullMarked;
