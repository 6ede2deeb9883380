/**
 * Failure analyzers that turn the starter's start-up errors into a report naming the property, its
 * value and what to do.
 */
@NullMarked
package io.github.ipcboot.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
