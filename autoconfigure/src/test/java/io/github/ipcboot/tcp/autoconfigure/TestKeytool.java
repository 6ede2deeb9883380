package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Runs the JDK's {@code keytool} to make PKCS12 key and trust stores for TLS tests, all with the
 * password {@link #PASSWORD}.
 */
final class TestKeytool {

	static final String PASSWORD = "test-only";

	private TestKeytool() {
	}

	/**
	 * Make {@code server.p12}: the key and certificate of a server on 127.0.0.1 ({@code localhost}),
	 * valid for two days.
	 * @param directory where the store is made
	 */
	static void serverKeyStore(Path directory) throws IOException, InterruptedException {
		run(directory, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12");
	}

	/**
	 * Make {@code server.p12} as {@link #serverKeyStore} does, and {@code client-trust.p12}, which
	 * trusts its certificate.
	 * @param directory where the stores are made
	 */
	static void serverKeyStoreAndClientTrust(Path directory) throws IOException, InterruptedException {
		serverKeyStore(directory);
		run(directory, "-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
		run(directory, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore",
				"client-trust.p12");
	}

	/**
	 * Return the SSL context of a client that trusts the certificates of {@code client-trust.p12}.
	 * @param directory where the store is
	 * @param protocol the protocol, e.g. {@code TLS} or {@code TLSv1.3}
	 * @return the context
	 */
	static SSLContext clientContext(Path directory, String protocol) throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(directory.resolve("client-trust.p12"))) {
			trusted.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance(protocol);
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	/**
	 * Run keytool in a directory; fails the test when it fails or takes over a minute.
	 * @param directory where the stores are
	 * @param args the command, e.g. {@code -genkeypair ...}; the store type and passwords are added
	 */
	static void run(Path directory, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		if (args[0].equals("-genkeypair")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("keytool did not finish: " + command);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + command + "\n" + output);
		}
	}

}
