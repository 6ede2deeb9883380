/**
 * Test support for applications with TCP servers: {@link io.github.ipcboot.tcp.testing.TcpTestClient}
 * talks to a configured server in its framing, and
 * {@link io.github.ipcboot.tcp.testing.AutoConfigureTcpTestClient} provides
 * {@link io.github.ipcboot.tcp.testing.TcpTestClients} in a {@code @SpringBootTest}.
 */
@NullMarked
package io.github.ipcboot.tcp.testing;

import org.jspecify.annotations.NullMarked;
