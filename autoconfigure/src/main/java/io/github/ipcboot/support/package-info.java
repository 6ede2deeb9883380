/**
 * Plumbing the transports (UDP, shared memory, TCP) share: their named components and the counts
 * they keep. Not meant for application code; the transports' own types are the API.
 */
@NullMarked
package io.github.ipcboot.support;

import org.jspecify.annotations.NullMarked;
