/**
 * Micrometer meters, the health indicator and the Actuator endpoint of the UDP endpoints and
 * clients; used only when Micrometer or Actuator are on the class path.
 */
@NullMarked
package io.github.ipcboot.udp.actuate;

import org.jspecify.annotations.NullMarked;
