/**
 * Observability of the process service, active only when Micrometer or Actuator are present:
 * the {@code ipc.process.*} meters and the {@code ipc.process.runs} observation, the
 * {@code processes} health indicator and the {@code processes} Actuator endpoint.
 */
@NullMarked
package io.github.ipcboot.process.actuate;

import org.jspecify.annotations.NullMarked;
