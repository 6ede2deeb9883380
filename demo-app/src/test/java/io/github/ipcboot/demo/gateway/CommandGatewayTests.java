package io.github.ipcboot.demo.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import io.github.ipcboot.process.ProcessInfo;
import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every row of the gateway's protocol table, over real sockets against the running demo-app.
 */
@GatewayTest
class CommandGatewayTests extends GatewayTestSupport {

	@Autowired
	private ProcessProperties processProperties;

	// FORWARD answers the ingest server's acknowledgement of bytes: é is two bytes in UTF-8
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
			PING|OK PONG
			PING now|ERR BAD_ARGS PING takes no arguments
			ECHO hello world|OK hello world
			ECHO  two  spaces|OK  two  spaces
			ECHO|ERR BAD_ARGS ECHO needs a text
			RUN rm -rf /|ERR NOT_ALLOWED rm
			RUN /bin/sh|ERR NOT_ALLOWED /bin/sh
			RUN|ERR BAD_ARGS RUN needs a command name
			FORWARD hello ingest|OK ACK 12
			FORWARD hé|OK ACK 3
			FORWARD|ERR BAD_ARGS FORWARD needs a text
			LIST all|ERR BAD_ARGS LIST takes no arguments
			HELLO there|ERR UNKNOWN_COMMAND HELLO
			ping|ERR UNKNOWN_COMMAND ping
			''|ERR UNKNOWN_COMMAND
			""")
	void requestShouldGetItsOneLineReply(String request, String reply) throws Exception {
		GatewayClient client = connect();
		assertThat(client.request(request)).containsExactly(reply);
		assertThat(client.request("PING")).containsExactly("OK PONG");
	}

	@Test
	void listShouldNameEveryConfiguredCommandThenTheCount() throws Exception {
		List<String> reply = connect().request("LIST");
		List<String> names = List.copyOf(this.processProperties.getCommands().keySet());
		assertThat(names).contains("date", "uptime", "seq", "sleep", "fail");
		List<String> expected = new ArrayList<>(names.stream().map((name) -> "CMD " + name).toList());
		expected.add("OK " + names.size());
		assertThat(reply).isEqualTo(expected);
	}

	@Test
	void runShouldStreamAllLinesInOrderBeforeTheExitLine() throws Exception {
		List<String> reply = connect().request("RUN seq 1 5000");
		assertThat(reply).hasSize(5001);
		assertThat(reply.subList(0, 5000))
			.isEqualTo(IntStream.rangeClosed(1, 5000).mapToObj((i) -> "STDOUT " + i).toList());
		assertThat(reply.get(5000)).matches("OK EXIT 0 \\d+");
	}

	@Test
	void runShouldWriteOutputWhileTheChildStillRuns() throws Exception {
		GatewayClient client = connect();
		client.send("RUN tick");
		assertThat(client.readLine()).isEqualTo("STDOUT started");
		assertThat(running("tick")).hasSize(1);
	}

	@Test
	void runShouldStreamStandardErrorAndReportTheExitCode() throws Exception {
		assertThat(withoutDurations(connect().request("RUN fail")))
			.containsExactly("STDERR fail: this command always fails", "OK EXIT 3 <ms>");
	}

	@Test
	void runShouldRunTheOtherConfiguredCommands() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("RUN date")).satisfiesExactly((line) -> assertThat(line).contains("UTC"),
				(line) -> assertThat(line).matches("OK EXIT 0 \\d+"));
		assertThat(client.request("RUN uptime")).last().asString().matches("OK EXIT 0 \\d+");
		assertThat(client.request("RUN sleep 0")).singleElement().asString().matches("OK EXIT 0 \\d+");
	}

	@ParameterizedTest
	@ValueSource(strings = { "RUN seq 1;rm", "RUN seq 1 $(reboot)", "RUN seq 1 `id`", "RUN seq 1234567",
			"RUN sleep 1000", "RUN date +%s", "RUN fail now" })
	void runWithArgumentsTheCommandDoesNotAllowShouldBeBadArgs(String request) throws Exception {
		assertThat(connect().request(request)).singleElement()
			.asString()
			.matches("ERR BAD_ARGS Argument \\d of command '[a-z]+' rejected: .+");
		assertThat(this.processes.size()).isZero();
	}

	@Test
	void runShouldAnswerBusyWhenTheProcessCapacityIsFull() throws Exception {
		int capacity = this.processProperties.getMaxConcurrent();
		for (int i = 0; i < capacity; i++) {
			connect().send("RUN sleep 100");
		}
		await().atMost(WAIT).until(() -> running("sleep").size() == capacity);
		GatewayClient refused = connect();
		assertThat(refused.request("RUN date")).containsExactly("ERR BUSY");
		assertThat(refused.request("PING")).containsExactly("OK PONG");
	}

	@Test
	void quitShouldSayByeAndCloseTheConnection() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("QUIT")).containsExactly("OK BYE");
		assertThat(client.isClosedByServer()).isTrue();
	}

	@Test
	void pipelinedRequestsShouldBeAnsweredInTheirOrder() throws Exception {
		GatewayClient client = connect();
		client.send("RUN seq 1 3", "PING", "RUN fail", "ECHO last", "RUN sleep 0", "QUIT");
		List<String> lines = new ArrayList<>();
		String line;
		while ((line = client.readLine()) != null) {
			lines.add(line);
		}
		assertThat(withoutDurations(lines)).containsExactly("STDOUT 1", "STDOUT 2", "STDOUT 3", "OK EXIT 0 <ms>",
				"OK PONG", "STDERR fail: this command always fails", "OK EXIT 3 <ms>", "OK last", "OK EXIT 0 <ms>",
				"OK BYE");
	}

	@Test
	void oversizedLineShouldBeRefusedAndClosedWhileAnotherClientKeepsWorking() throws Exception {
		GatewayClient working = connect();
		working.send("RUN seq 1 5000");
		assertThat(working.readLine()).isEqualTo("STDOUT 1");
		GatewayClient oversized = connect();
		oversized.send("ECHO " + "x".repeat(9000));
		assertThat(oversized.readLine()).isEqualTo("ERR FRAME_TOO_LARGE 8192");
		assertThat(oversized.isClosedByServer()).isTrue();
		List<String> rest = working.readReply();
		assertThat(rest).hasSize(5000);
		assertThat(rest.get(4998)).isEqualTo("STDOUT 5000");
		assertThat(rest.get(4999)).matches("OK EXIT 0 \\d+");
		assertThat(working.request("PING")).containsExactly("OK PONG");
	}

	@Test
	void lineAtTheLimitShouldBeServed() throws Exception {
		String text = "y".repeat(8192 - "ECHO ".length());
		assertThat(connect().request("ECHO " + text)).containsExactly("OK " + text);
	}

	@Test
	void clientDisconnectDuringRunShouldCancelTheChild() throws Exception {
		Duration timeout = this.processProperties.getCommands().get("sleep").getTimeout();
		Duration bound = Duration.ofSeconds(10);
		// the child ends well before its own timeout could end it
		assertThat(timeout).isGreaterThan(bound.multipliedBy(2));
		GatewayClient client = connect();
		client.send("RUN sleep 100");
		ProcessInfo child = awaitSingleProcess("sleep");
		assertThat(ProcessHandle.of(child.pid())).hasValueSatisfying((handle) -> assertThat(handle.isAlive()).isTrue());
		client.close();
		await().atMost(bound)
			.until(() -> ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false), (alive) -> !alive);
		await().atMost(bound).until(() -> running("sleep").isEmpty());
	}

	/**
	 * Replace the duration of every exit line with {@code <ms>}.
	 */
	private static List<String> withoutDurations(List<String> lines) {
		return lines.stream().map((line) -> line.replaceFirst("^(OK EXIT -?\\d+) \\d+$", "$1 <ms>")).toList();
	}

}
