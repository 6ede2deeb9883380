package io.github.ipcboot.process.testing;

import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureFakeProcessService} puts a {@link FakeProcessService} in place of the real
 * service.
 */
class AutoConfigureFakeProcessServiceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProcessAutoConfiguration.class));

	@Test
	void annotationShouldImportTheFakesAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfigureFakeProcessService.class, getClass().getClassLoader()))
			.containsExactly(FakeProcessServiceAutoConfiguration.class.getName());
	}

	@Test
	void fakeShouldBeTheOnlyProcessService() {
		// as @AutoConfigureFakeProcessService adds it: sorted with the other auto-configurations
		this.contextRunner.withConfiguration(AutoConfigurations.of(FakeProcessServiceAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ProcessService.class);
				FakeProcessService fake = context.getBean(FakeProcessService.class);
				fake.when("git", "status").thenReturn(FakeResponse.success("clean\n"));
				ProcessResult result = context.getBean(ProcessService.class).run(ProcessSpec.of("git", "status"));
				assertThat(result.stdoutText()).isEqualTo("clean\n");
				assertThat(fake.invocations()).hasSize(1);
			});
	}

	@Test
	void withoutTheAnnotationTheRealServiceShouldStay() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ProcessService.class)
			.doesNotHaveBean(FakeProcessService.class));
	}

}
