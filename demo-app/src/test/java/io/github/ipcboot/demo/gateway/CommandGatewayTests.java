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

	@Test
	void pingShouldAnswerPong() throws Exception {
		assertThat(connect().request("PING")).containsExactly("OK PONG");
	}

	@Test
	void echoShouldAnswerTheTextAfterTheFirstSpaceVerbatim() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("ECHO hello world")).containsExactly("OK hello world");
		assertThat(client.request("ECHO  two  spaces ")).containsExactly("OK  two  spaces ");
		assertThat(client.request("ECHO")).containsExactly("ERR BAD_ARGS ECHO needs a text");
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
		assertThat(connect().request("RUN fail")).satisfiesExactly(
				(line) -> assertThat(line).isEqualTo("STDERR fail: this command always fails"),
				(line) -> assertThat(line).matches("OK EXIT 3 \\d+"));
	}

	@Test
	void runShouldRunTheOtherConfiguredCommands() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("RUN date")).satisfiesExactly((line) -> assertThat(line).contains("UTC"),
				(line) -> assertThat(line).matches("OK EXIT 0 \\d+"));
		assertThat(client.request("RUN uptime")).last().asString().matches("OK EXIT 0 \\d+");
		assertThat(client.request("RUN sleep 0")).singleElement().asString().matches("OK EXIT 0 \\d+");
	}

	@Test
	void runOfACommandThatIsNotConfiguredShouldBeNotAllowed() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("RUN rm -rf /")).containsExactly("ERR NOT_ALLOWED rm");
		assertThat(client.request("RUN /bin/sh")).containsExactly("ERR NOT_ALLOWED /bin/sh");
		assertThat(client.request("RUN")).containsExactly("ERR BAD_ARGS RUN needs a command name");
	}

	@Test
	void runWithArgumentsTheCommandDoesNotAllowShouldBeBadArgs() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("RUN seq 1;rm")).singleElement()
			.asString()
			.startsWith("ERR BAD_ARGS Argument 0 of command 'seq' rejected");
		assertThat(client.request("RUN seq 1 $(reboot)")).singleElement().asString().startsWith("ERR BAD_ARGS");
		assertThat(client.request("RUN seq 1234567")).singleElement().asString().startsWith("ERR BAD_ARGS");
		assertThat(client.request("RUN sleep 1000")).singleElement().asString().startsWith("ERR BAD_ARGS");
		assertThat(client.request("RUN date +%s")).singleElement()
			.asString()
			.startsWith("ERR BAD_ARGS Argument 0 of command 'date' rejected: the command accepts no extra arguments");
		assertThat(client.request("RUN fail now")).singleElement().asString().startsWith("ERR BAD_ARGS");
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
	void forwardShouldSendTheTextToTheIngestServerAndAnswerItsReply() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("FORWARD hello ingest")).containsExactly("OK ACK 12");
		// the acknowledged length is in bytes: é is two bytes in UTF-8
		assertThat(client.request("FORWARD h\u00e9")).containsExactly("OK ACK 3");
		assertThat(client.request("FORWARD")).containsExactly("ERR BAD_ARGS FORWARD needs a text");
	}

	@Test
	void quitShouldSayByeAndCloseTheConnection() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("QUIT")).containsExactly("OK BYE");
		assertThat(client.isClosedByServer()).isTrue();
	}

	@Test
	void anythingElseShouldBeAnUnknownCommand() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("HELLO there")).containsExactly("ERR UNKNOWN_COMMAND HELLO");
		assertThat(client.request("ping")).containsExactly("ERR UNKNOWN_COMMAND ping");
		assertThat(client.request("")).containsExactly("ERR UNKNOWN_COMMAND");
		assertThat(client.request("PING")).containsExactly("OK PONG");
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
		assertThat(lines).hasSize(10);
		assertThat(lines.subList(0, 3)).containsExactly("STDOUT 1", "STDOUT 2", "STDOUT 3");
		assertThat(lines.get(3)).matches("OK EXIT 0 \\d+");
		assertThat(lines.get(4)).isEqualTo("OK PONG");
		assertThat(lines.get(5)).startsWith("STDERR ");
		assertThat(lines.get(6)).matches("OK EXIT 3 \\d+");
		assertThat(lines.get(7)).isEqualTo("OK last");
		assertThat(lines.get(8)).matches("OK EXIT 0 \\d+");
		assertThat(lines.get(9)).isEqualTo("OK BYE");
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

}
