/**
 * The command-gateway demo service: a TCP line protocol that runs configured commands and
 * streams their output back, an HL7 MLLP ingest server, Actuator and Prometheus.
 */
@NullMarked
package io.github.ipcboot.demo;

import org.jspecify.annotations.NullMarked;
