package io.github.ipcboot.demo.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import io.github.ipcboot.shutdown.ShutdownBudget;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in {@code demo-app/k8s} parse and agree with {@code application.yml}:
 * probes on Actuator's liveness and readiness groups, container ports, the environment overrides
 * that bind every server to all interfaces, Actuator kept on loopback and read-only, and a
 * termination grace period long enough for the whole shutdown, every fixed wait included.
 */
class DeploymentManifestTests {

	private static final Path K8S = Path.of("k8s");

	private Map<String, Object> deployment;

	private Map<String, Object> service;

	private Map<String, Object> container;

	private Binder application;

	@BeforeEach
	void load() throws IOException {
		this.deployment = single(K8S.resolve("deployment.yaml"), "Deployment");
		this.service = single(K8S.resolve("service.yaml"), "Service");
		List<Map<String, Object>> containers = list(path(this.deployment, "spec", "template", "spec", "containers"));
		assertThat(containers).hasSize(1);
		this.container = containers.get(0);
		this.application = Binder.get(applicationEnvironment(Map.of()));
	}

	@Test
	void probesShouldUseTheLivenessAndReadinessGroupsOnTheHttpPort() {
		assertThat(this.application.bind("management.endpoint.health.probes.enabled", Boolean.class).get()).isTrue();
		// the groups on the main port as /livez and /readyz: Actuator's own port stays on loopback
		assertThat(this.application.bind("management.endpoint.health.probes.add-additional-paths", Boolean.class)
			.get()).isTrue();
		assertThat(probePath("livenessProbe")).isEqualTo("/livez");
		assertThat(probePath("startupProbe")).isEqualTo("/livez");
		assertThat(probePath("readinessProbe")).isEqualTo("/readyz");
		int serverPort = this.application.bind("server.port", Integer.class).get();
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			Object port = path(this.container, probe, "httpGet", "port");
			assertThat(containerPort(port.toString())).as(probe).isEqualTo(serverPort);
		}
	}

	@Test
	void actuatorShouldStayOnLoopbackReadOnlyAndOutOfTheService() {
		int managementPort = this.application.bind("management.server.port", Integer.class).get();
		assertThat(managementPort).isNotEqualTo(this.application.bind("server.port", Integer.class).get());
		assertThat(this.application.bind("management.server.address", String.class).get()).isEqualTo("127.0.0.1");
		assertThat(inPod().bind("management.server.address", String.class).get()).isEqualTo("127.0.0.1");
		for (String endpoint : List.of("processes", "tcp")) {
			assertThat(this.application.bind("management.endpoint." + endpoint + ".access", String.class).get())
				.as(endpoint)
				.isEqualTo("read-only");
		}
		assertThat(list(this.container.get("ports"))).extracting((port) -> number(port.get("containerPort")))
			.doesNotContain(managementPort);
		assertThat(list(path(this.service, "spec", "ports"))).extracting((port) -> port.get("port"))
			.doesNotContain(managementPort);
	}

	@Test
	void containerPortsShouldBeTheConfiguredPorts() {
		TcpProperties tcp = this.application.bind("ipc.tcp", TcpProperties.class).get();
		assertThat(containerPort("http")).isEqualTo(this.application.bind("server.port", Integer.class).get());
		assertThat(containerPort("commands")).isEqualTo(tcp.getServers().get("commands").getPort());
		assertThat(containerPort("ingest")).isEqualTo(tcp.getServers().get("ingest").getPort());
	}

	@Test
	void environmentShouldBindEveryServerToAllInterfaces() {
		Binder inPod = inPod();
		assertThat(inPod.bind("server.address", String.class).get()).isEqualTo("0.0.0.0");
		TcpProperties tcp = inPod.bind("ipc.tcp", TcpProperties.class).get();
		assertThat(tcp.getServers()).isNotEmpty();
		// every network server; the Unix domain socket stays inside the pod
		tcp.getServers().forEach((name, server) -> assertThat(server.getAddress()).as(name)
			.isEqualTo(name.equals("commands-local") ? server.getAddress() : "0.0.0.0"));
		assertThat(tcp.getServers().get("commands-local").getAddress()).startsWith("unix:");
	}

	@Test
	void terminationGracePeriodShouldCoverTheWholeShutdownUpToTheHardDeadline() {
		assertThat(coversTheShutdown(terminationGracePeriod())).as(budgetText()).isTrue();
	}

	@Test
	void terminationGracePeriodOneSecondShorterThanTheBudgetShouldFailTheCheck() {
		Duration needed = preStop().plus(budget().hardDeadline());
		assertThat(coversTheShutdown(needed)).as(budgetText()).isTrue();
		assertThat(coversTheShutdown(needed.minusSeconds(1))).as(budgetText()).isFalse();
	}

	/**
	 * Whether Kubernetes waits long enough after its SIGTERM: the preStop sleep, then every term of
	 * the graceful shutdown, then the margin of the starter's hard deadline, which halts the JVM
	 * itself before Kubernetes would kill it.
	 */
	private boolean coversTheShutdown(Duration terminationGracePeriod) {
		return terminationGracePeriod.compareTo(preStop().plus(budget().hardDeadline())) >= 0;
	}

	/**
	 * The full formula, term by term, from {@code application.yml} and the starter's fixed waits.
	 */
	private ShutdownBudget budget() {
		ProcessProperties process = this.application.bind("ipc.process", ProcessProperties.class).get();
		Duration drainDelay = this.application.bind("ipc.shutdown.drain-delay", Duration.class).get();
		Duration timeout = this.application.bind("ipc.shutdown.timeout", Duration.class).get();
		Duration phase = this.application.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).get();
		assertThat(drainDelay).isPositive();
		assertThat(timeout).isPositive();
		assertThat(this.application.bind("ipc.shutdown.hard-deadline", Duration.class).isBound())
			.as("the hard deadline follows the budget").isFalse();
		// termination-grace + kill wait + output-drain-timeout; the main web server and the
		// management server (a port of its own) each get a shutdown phase
		return new ShutdownBudget(drainDelay, timeout,
				DefaultProcessService.terminationBound(process.getTerminationGrace(), process.getOutputDrainTimeout()),
				ShutdownBudget.AFTER_TERMINATION, phase.multipliedBy(2));
	}

	private String budgetText() {
		return "preStop " + preStop().toSeconds() + " s + " + budget() + " + margin "
				+ ShutdownBudget.HARD_DEADLINE_MARGIN.toSeconds() + " s; terminationGracePeriodSeconds "
				+ terminationGracePeriod().toSeconds();
	}

	private Duration preStop() {
		Duration preStop = Duration.ofSeconds(number(path(this.container, "lifecycle", "preStop", "sleep", "seconds")));
		assertThat(preStop).isPositive();
		return preStop;
	}

	private Duration terminationGracePeriod() {
		return Duration
			.ofSeconds(number(path(this.deployment, "spec", "template", "spec", "terminationGracePeriodSeconds")));
	}

	private Binder inPod() {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(this.container.get("env"))) {
			variables.put((String) variable.get("name"), variable.get("value"));
		}
		return Binder.get(applicationEnvironment(variables));
	}

	@Test
	void containerShouldHaveResourceRequestsAndAMemoryLimit() {
		assertThat(path(this.container, "resources", "requests", "cpu")).isNotNull();
		assertThat(path(this.container, "resources", "requests", "memory")).isNotNull();
		assertThat(path(this.container, "resources", "limits", "memory")).isNotNull();
	}

	@Test
	void serviceShouldSelectThePodsAndTargetTheirNamedPorts() {
		Map<String, Object> labels = map(path(this.deployment, "spec", "template", "metadata", "labels"));
		assertThat(labels).containsAllEntriesOf(map(path(this.service, "spec", "selector")));
		assertThat(map(path(this.deployment, "spec", "selector", "matchLabels"))).isEqualTo(
				map(path(this.service, "spec", "selector")));
		List<Map<String, Object>> ports = list(path(this.service, "spec", "ports"));
		assertThat(ports).extracting((port) -> port.get("targetPort"))
			.containsExactlyInAnyOrder("http", "commands", "ingest");
		ports.forEach((port) -> assertThat(containerPort((String) port.get("targetPort"))).isPositive());
	}

	private String probePath(String probe) {
		return (String) path(this.container, probe, "httpGet", "path");
	}

	private int containerPort(String name) {
		return list(this.container.get("ports")).stream()
			.filter((port) -> name.equals(port.get("name")))
			.map((port) -> number(port.get("containerPort")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No container port named " + name));
	}

	/**
	 * The environment the application starts with: {@code application.yml} and the given
	 * environment variables, which take precedence as they do in Spring Boot.
	 */
	private static StandardEnvironment applicationEnvironment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("k8s-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		try {
			new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read application.yml", ex);
		}
		return environment;
	}

	private static Map<String, Object> single(Path file, String kind) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			new Yaml().loadAll(reader).forEach((document) -> documents.add(map(document)));
		}
		assertThat(documents).as(file.toString()).singleElement().satisfies((document) -> {
			assertThat(document.get("kind")).isEqualTo(kind);
		});
		return documents.get(0);
	}

	private static Object path(Map<String, Object> root, String... keys) {
		Object current = root;
		for (String key : keys) {
			assertThat(current).as("parent of " + key).isInstanceOf(Map.class);
			current = map(current).get(key);
			assertThat(current).as(String.join(".", keys)).isNotNull();
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	private static int number(Object value) {
		return ((Number) value).intValue();
	}

}
