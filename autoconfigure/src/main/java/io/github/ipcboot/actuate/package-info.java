/**
 * Support shared by the health indicators and meters of every feature; used only when Actuator or
 * Micrometer are present.
 */
@NullMarked
package io.github.ipcboot.actuate;

import org.jspecify.annotations.NullMarked;
