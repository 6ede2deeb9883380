package io.github.ipcboot.process.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Replaces the application's {@link io.github.ipcboot.process.ProcessService} with a
 * {@link FakeProcessService} bean in the application context of a test: no program is started,
 * and the test scripts the answers.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureFakeProcessService
 * class DeployTests {
 *
 *     @Autowired
 *     FakeProcessService processes;
 *
 *     @BeforeEach
 *     void script() {
 *         this.processes.reset();
 *         this.processes.when("git", "pull").thenReturn(FakeResponse.success("Already up to date.\n"));
 *     }
 *
 * }
 * }</pre>
 * The named commands of {@code ipc.process.commands} are not checked (see {@link FakeProcessService}).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureFakeProcessService {

}
