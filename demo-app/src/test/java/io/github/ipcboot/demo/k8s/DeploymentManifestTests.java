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

import io.github.ipcboot.process.autoconfigure.ProcessProperties;
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
 * that bind every server to all interfaces, and a termination grace period long enough for the
 * graceful shutdown configured under {@code ipc.shutdown}.
 */
class DeploymentManifestTests {

	private static final Path K8S = Path.of("k8s");

	/** Time the JVM needs at the least, after everything configured, to exit. */
	private static final Duration MARGIN = Duration.ofSeconds(5);

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
		String actuator = this.application.bind("management.endpoints.web.base-path", String.class).orElse("/actuator");
		assertThat(probePath("livenessProbe")).isEqualTo(actuator + "/health/liveness");
		assertThat(probePath("startupProbe")).isEqualTo(actuator + "/health/liveness");
		assertThat(probePath("readinessProbe")).isEqualTo(actuator + "/health/readiness");
		int serverPort = this.application.bind("server.port", Integer.class).get();
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			Object port = path(this.container, probe, "httpGet", "port");
			assertThat(containerPort(port.toString())).as(probe).isEqualTo(serverPort);
		}
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
		Map<String, Object> variables = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(this.container.get("env"))) {
			variables.put((String) variable.get("name"), variable.get("value"));
		}
		Binder inPod = Binder.get(applicationEnvironment(variables));
		assertThat(inPod.bind("server.address", String.class).get()).isEqualTo("0.0.0.0");
		TcpProperties tcp = inPod.bind("ipc.tcp", TcpProperties.class).get();
		assertThat(tcp.getServers()).isNotEmpty();
		tcp.getServers().forEach((name, server) -> assertThat(server.getAddress()).as(name).isEqualTo("0.0.0.0"));
	}

	@Test
	void terminationGracePeriodShouldCoverTheWholeGracefulShutdown() {
		Duration preStop = Duration.ofSeconds(number(path(this.container, "lifecycle", "preStop", "sleep", "seconds")));
		Duration drainDelay = this.application.bind("ipc.shutdown.drain-delay", Duration.class).get();
		Duration timeout = this.application.bind("ipc.shutdown.timeout", Duration.class).get();
		Duration terminationGrace = this.application.bind("ipc.process", ProcessProperties.class)
			.get()
			.getTerminationGrace();
		assertThat(preStop).isPositive();
		assertThat(drainDelay).isPositive();
		assertThat(timeout).isPositive();
		Duration needed = preStop.plus(drainDelay).plus(timeout).plus(terminationGrace).plus(MARGIN);
		Duration grace = Duration
			.ofSeconds(number(path(this.deployment, "spec", "template", "spec", "terminationGracePeriodSeconds")));
		assertThat(grace).isGreaterThanOrEqualTo(needed);
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
