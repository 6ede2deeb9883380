package io.github.ipcboot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the check that an AOT-processed application runs with the ipc settings it
 * was built with ({@link BuildTimeSettings}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@AutoConfiguration
@Import(BuildTimeSettingsRegistrar.class)
public final class IpcAotAutoConfiguration {

}
