/**
 * Support shared by the auto-configurations of every feature.
 */
@NullMarked
package io.github.ipcboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
