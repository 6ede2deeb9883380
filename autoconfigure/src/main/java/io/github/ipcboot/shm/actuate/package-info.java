/**
 * Micrometer meters, the health indicator and the Actuator endpoint of the shared-memory channels;
 * used only when Micrometer or Actuator are on the class path.
 */
@NullMarked
package io.github.ipcboot.shm.actuate;

import org.jspecify.annotations.NullMarked;
