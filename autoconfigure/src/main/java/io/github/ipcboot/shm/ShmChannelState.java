package io.github.ipcboot.shm;

/**
 * A snapshot of a mapped channel file, for health, meters and the Actuator endpoint.
 *
 * @param file the path of the file
 * @param peerPid the peer's process id as the header says, 0 for none
 * @param peerHeartbeatAgeMillis how old the peer's heartbeat is, -1 without a peer
 * @param inboundUsed the bytes in the inbound ring not read yet
 * @param outboundUsed the bytes in the outbound ring the peer has not read yet
 * @param capacity the capacity of each ring
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public record ShmChannelState(String file, long peerPid, long peerHeartbeatAgeMillis, int inboundUsed,
		int outboundUsed, int capacity) {

	static ShmChannelState of(Attachment attached, ShmRole role) {
		ShmHeader header = attached.header();
		ShmRole peer = PeerWatch.peerOf(role);
		long peerPid = header.pid(peer);
		long age = (peerPid > 0) ? Math.max(0, System.currentTimeMillis() - header.heartbeat(peer)) : -1;
		return new ShmChannelState(attached.file().path().toString(), peerPid, age, attached.reader().used(),
				attached.writer().used(), attached.reader().capacity());
	}

}
