package io.github.ipcboot.tcp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds a {@link TcpTestClients} bean to the application context of a test, as
 * {@code @AutoConfigureMockMvc} adds a {@code MockMvc}:
 *
 * <pre>{@code
 * @SpringBootTest(properties = "ipc.tcp.servers.orders.port=0")
 * @AutoConfigureTcpTestClient
 * class OrdersTests {
 *
 *     @Autowired
 *     TcpTestClients clients;
 *
 *     @Test
 *     void pingShouldAnswerPong() {
 *         try (TcpTestClient client = this.clients.connect("orders")) {
 *             client.send("PING").expectFrame("PONG");
 *         }
 *     }
 *
 * }
 * }</pre>
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureTcpTestClient {

}
