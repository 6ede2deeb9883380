package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * Writes the key and certificate of a {@link TestKeytool} PKCS12 store as PEM files, as a
 * certificate renewal would: to a temporary file first, then moved into place, so that a file
 * watcher never reads half a file.
 */
final class TestPem {

	private TestPem() {
	}

	/**
	 * Write {@code <name>.crt} and {@code <name>.key} into a directory from an entry of a store.
	 * @param store the PKCS12 store made by {@link TestKeytool}
	 * @param alias the entry
	 * @param directory where the PEM files go
	 * @param name the name of the files without extension
	 */
	static void write(Path store, String alias, Path directory, String name)
			throws IOException, GeneralSecurityException {
		KeyStore keyStore = load(store);
		PrivateKey key = (PrivateKey) keyStore.getKey(alias, TestKeytool.PASSWORD.toCharArray());
		Certificate certificate = keyStore.getCertificate(alias);
		move(directory, name + ".crt", pem("CERTIFICATE", certificate.getEncoded()));
		move(directory, name + ".key", pem("PRIVATE KEY", key.getEncoded()));
	}

	/**
	 * Write the certificate of an entry of a store as a PEM file.
	 * @param store the PKCS12 store made by {@link TestKeytool}
	 * @param alias the entry
	 * @param file the PEM file
	 */
	static void writeCertificate(Path store, String alias, Path file) throws IOException, GeneralSecurityException {
		move(file.getParent(), file.getFileName().toString(),
				pem("CERTIFICATE", load(store).getCertificate(alias).getEncoded()));
	}

	/**
	 * Load a store made by {@link TestKeytool}.
	 * @param store the store
	 * @return the loaded store
	 */
	static KeyStore load(Path store) throws IOException, GeneralSecurityException {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, TestKeytool.PASSWORD.toCharArray());
		}
		return keyStore;
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static void move(Path directory, String name, String content) throws IOException {
		Path temporary = Files.createTempFile(directory.getParent(), name, ".tmp");
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

}
