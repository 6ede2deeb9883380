/**
 * Micrometer meters and observations, health indicators and the Actuator endpoint of the TCP
 * servers and clients; used only when Micrometer or Actuator are on the class path.
 */
@NullMarked
package io.github.ipcboot.tcp.actuate;

import org.jspecify.annotations.NullMarked;
