/**
 * The {@code ingest} server: HL7 MLLP framed messages, each acknowledged with its byte length.
 */
@NullMarked
package io.github.ipcboot.demo.ingest;

import org.jspecify.annotations.NullMarked;
