/**
 * Frame codecs that cut a TCP byte stream into frames and write frames back: terminators of any
 * bytes, start and end sequences, length headers, fixed sizes and end of stream. Plain Java plus
 * Spring's {@code Serializer}/{@code Deserializer}, so Spring Integration connection factories can
 * use every codec directly.
 */
@NullMarked
package io.github.ipcboot.framing;

import org.jspecify.annotations.NullMarked;
