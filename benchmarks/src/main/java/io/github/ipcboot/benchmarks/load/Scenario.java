package io.github.ipcboot.benchmarks.load;

import java.util.List;

/**
 * One load pattern: how many connections, and how many requests each keeps in flight (1 is
 * request-reply: the next line is sent when the previous echo has arrived).
 *
 * @param id the name used on the command line
 * @param label the name printed in the table
 * @param connections the number of concurrent connections
 * @param inFlight the number of requests each connection keeps outstanding
 */
public record Scenario(String id, String label, int connections, int inFlight) {

	/** Request-reply on one connection. */
	public static final Scenario RR_1 = new Scenario("rr1", "rr 1 conn", 1, 1);

	/** Request-reply on 16 connections. */
	public static final Scenario RR_16 = new Scenario("rr16", "rr 16 conns", 16, 1);

	/** 16 connections, 32 requests in flight on each. */
	public static final Scenario PIPELINED = new Scenario("pipelined", "pipelined 16 x 32", 16, 32);

	/**
	 * Return the standard scenarios in the order they are run.
	 * @return request-reply on 1 and 16 connections, then pipelined
	 */
	public static List<Scenario> standard() {
		return List.of(RR_1, RR_16, PIPELINED);
	}

}
