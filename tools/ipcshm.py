#!/usr/bin/env python3
"""Reference peer of the starter's shared-memory channels (ipc.shm.*), standard library only.

The file layout and the record format are in docs/shm-layout.md; this module follows them and
nothing else. It is a reference, not a high-performance peer: it polls with short sleeps, and it
relies on the stores of one struct.pack_into becoming visible in program order, which x86-64 and
its total store order give (on weaker memory models a peer needs real barriers).

    python3 tools/ipcshm.py request /dev/shm/echo.ipc-shm hello world   # client: one request per word
    python3 tools/ipcshm.py send /dev/shm/echo.ipc-shm hello            # client: fire-and-forget
    python3 tools/ipcshm.py serve /dev/shm/echo.ipc-shm                 # server: answers "py:<request>"
    python3 tools/ipcshm.py hold /dev/shm/echo.ipc-shm                  # client: attach, heartbeat, wait
"""
import argparse
import errno
import mmap
import os
import secrets
import signal
import struct
import sys
import time

MAGIC, VERSION, HEADER_LENGTH, TRAILER_LENGTH = 0x49504353, 2, 128, 768
REQUEST_CAPACITY, REPLY_CAPACITY, MAX_MESSAGE_SIZE, SERVER_STATE = 8, 12, 16, 20
SERVER_PID, SERVER_HEARTBEAT, CLIENT_PID, CLIENT_HEARTBEAT = 24, 32, 40, 48
STATE_READY, STATE_DRAINING, STATE_CLOSED = 1, 2, 3
TYPE_SEND, TYPE_REQUEST, TYPE_REPLY, TYPE_ERROR, TYPE_PADDING = 1, 2, 3, 4, -1
TAIL_POSITION, HEAD_POSITION = 128, 384          # offsets in a ring's trailer
RECORD_HEADER, CORRELATION, ALIGNMENT = 8, 8, 8
HEARTBEAT_INTERVAL = 0.5


class CorruptRing(Exception):
    """A ring holds what no well-behaved peer writes."""


def now_millis():
    return int(time.time() * 1000)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def header_fits(mm):
    request_capacity, reply_capacity = struct.unpack_from('<ii', mm, REQUEST_CAPACITY)
    return len(mm) == HEADER_LENGTH + request_capacity + reply_capacity + 2 * TRAILER_LENGTH


def server_alive_in(mm, timeout_millis=10000):
    pid, heartbeat = struct.unpack_from('<qq', mm, SERVER_PID)
    return 0 < pid and now_millis() - heartbeat <= timeout_millis and pid_alive(pid)


def server_alive(path):
    try:
        with open(path, 'rb') as f:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (FileNotFoundError, ValueError):
        return False
    try:
        return (len(mm) >= HEADER_LENGTH and struct.unpack_from('<i', mm, 0)[0] == MAGIC
                and struct.unpack_from('<i', mm, SERVER_STATE)[0] != STATE_CLOSED and server_alive_in(mm))
    finally:
        mm.close()


def align(length):
    return (length + ALIGNMENT - 1) & ~(ALIGNMENT - 1)


class Ring:
    """One Agrona one-to-one ring buffer at an offset of the mapped file."""

    def __init__(self, mm, offset, capacity, max_body):
        self.mm, self.base, self.capacity, self.max_body = mm, offset, capacity, max_body
        self.tail_at = offset + capacity + TAIL_POSITION
        self.head_at = offset + capacity + HEAD_POSITION

    def _int(self, at):
        return struct.unpack_from('<i', self.mm, at)[0]

    def _long(self, at):
        return struct.unpack_from('<q', self.mm, at)[0]

    def write(self, msg_type, correlation_id, body):
        """Write one record as Agrona's producer does; False when the ring has no room."""
        length = RECORD_HEADER + CORRELATION + len(body)
        aligned = align(length)
        head, tail = self._long(self.head_at), self._long(self.tail_at)
        if aligned + RECORD_HEADER > self.capacity - (tail - head):
            return False
        index = tail & (self.capacity - 1)
        to_end = self.capacity - index
        padding = 0
        if aligned != to_end and aligned + RECORD_HEADER > to_end:
            if aligned + RECORD_HEADER > (head & (self.capacity - 1)):
                return False
            padding = to_end
        struct.pack_into('<q', self.mm, self.tail_at, tail + padding + aligned)
        if padding:
            struct.pack_into('<i', self.mm, self.base + index + 4, TYPE_PADDING)
            struct.pack_into('<i', self.mm, self.base + index, padding)
            index = 0
        at = self.base + index
        struct.pack_into('<i', self.mm, at, -length)
        struct.pack_into('<q', self.mm, at + RECORD_HEADER, correlation_id)
        self.mm[at + RECORD_HEADER + CORRELATION:at + length] = body
        struct.pack_into('<i', self.mm, at + 4, msg_type)
        struct.pack_into('<i', self.mm, at, length)
        return True

    def skip_to_tail(self, owns_tail):
        """Drop what the ring holds (a client change, docs/shm-layout.md): zero it, head := tail."""
        head, tail = self._long(self.head_at), self._long(self.tail_at)
        used = tail - head
        if head < 0 or tail < 0 or not 0 <= used <= self.capacity or (head | tail) % ALIGNMENT:
            self.mm[self.base:self.base + self.capacity] = bytes(self.capacity)
            if owns_tail:
                struct.pack_into('<q', self.mm, self.tail_at, 0)
                struct.pack_into('<q', self.mm, self.head_at, 0)
            elif tail >= 0 and tail % ALIGNMENT == 0:
                struct.pack_into('<q', self.mm, self.head_at, tail)
            return
        index = head & (self.capacity - 1)
        first = min(used, self.capacity - index)
        self.mm[self.base + index:self.base + index + first] = bytes(first)
        self.mm[self.base:self.base + used - first] = bytes(used - first)
        struct.pack_into('<q', self.mm, self.head_at, tail)

    def read(self):
        """Read the records up to the end of the contiguous block: [(type, correlation id, body)]."""
        head = self._long(self.head_at)
        if head < 0 or head % ALIGNMENT:
            raise CorruptRing('head position %d' % head)
        index = head & (self.capacity - 1)
        contiguous = self.capacity - index
        done, messages = 0, []
        try:
            while done < contiguous:
                at = self.base + index + done
                length = self._int(at)
                if length <= 0:
                    break
                if length < RECORD_HEADER or length > contiguous - done:
                    raise CorruptRing('record length %d at %d' % (length, index + done))
                msg_type = self._int(at + 4)
                if msg_type != TYPE_PADDING:
                    body_length = length - RECORD_HEADER - CORRELATION
                    if not TYPE_SEND <= msg_type <= TYPE_ERROR or not 0 <= body_length <= self.max_body:
                        raise CorruptRing('record type %d, body %d bytes' % (msg_type, body_length))
                    correlation_id = self._long(at + RECORD_HEADER)
                    start = at + RECORD_HEADER + CORRELATION
                    messages.append((msg_type, correlation_id, bytes(self.mm[start:start + body_length])))
                done += align(length)
        finally:
            if done:
                self.mm[self.base + index:self.base + index + done] = bytes(done)
                struct.pack_into('<q', self.mm, self.head_at, head + done)
        return messages


class Channel:
    """A mapped channel file, as the server (create) or the client (attach)."""

    def __init__(self, path, mm, server):
        self.path, self.mm, self.server = path, mm, server
        request_capacity = self._int(REQUEST_CAPACITY)
        reply_capacity = self._int(REPLY_CAPACITY)
        max_body = self._int(MAX_MESSAGE_SIZE)
        requests = Ring(mm, HEADER_LENGTH, request_capacity, max_body)
        replies = Ring(mm, HEADER_LENGTH + request_capacity + TRAILER_LENGTH, reply_capacity, max_body)
        self.inbound, self.outbound = (requests, replies) if server else (replies, requests)
        self.max_body = max_body
        # ids from a random 62-bit start: a reply left for the previous client matches none of ours
        self.next_id, self.last_heartbeat = int.from_bytes(os.urandom(8), 'little') >> 2, 0.0

    def _int(self, at):
        return struct.unpack_from('<i', self.mm, at)[0]

    def _long(self, at):
        return struct.unpack_from('<q', self.mm, at)[0]

    def _put_long(self, at, value):
        struct.pack_into('<q', self.mm, at, value)

    @classmethod
    def create(cls, path, capacity=65536, max_message_size=1024):
        if capacity < 1024 or capacity > 1 << 28 or capacity & (capacity - 1):
            raise ValueError('capacity %d is not a power of two from 1024 to 2^28' % capacity)
        if not 1 <= max_message_size <= capacity // 8 - CORRELATION:
            raise ValueError('max message size %d is not 1 to %d' % (max_message_size, capacity // 8 - CORRELATION))
        if server_alive(path):
            raise FileExistsError(errno.EEXIST, 'the live server of this channel owns it', path)
        length = HEADER_LENGTH + 2 * (capacity + TRAILER_LENGTH)
        # a name nobody can guess: in the shared /dev/shm another user could create a known one first
        temporary = '%s.tmp-%s' % (path, secrets.token_hex(8))
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_RDWR, 0o600)
        try:
            os.ftruncate(fd, length)
            mm = mmap.mmap(fd, length)
        finally:
            os.close(fd)
        struct.pack_into('<iiiii', mm, 4, VERSION, capacity, capacity, max_message_size, STATE_READY)
        struct.pack_into('<qq', mm, SERVER_PID, os.getpid(), now_millis())
        struct.pack_into('<i', mm, 0, MAGIC)      # the magic last: a file with it is complete
        os.replace(temporary, path)
        return cls(path, mm, True)

    @classmethod
    def attach(cls, path, timeout=30.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                with open(path, 'r+b') as f:
                    mm = mmap.mmap(f.fileno(), 0)
                magic, version = struct.unpack_from('<ii', mm, 0)
                client_pid = struct.unpack_from('<q', mm, CLIENT_PID)[0]
                # the server resets the rings when it gives a client up, then writes pid 0: attach
                # only then (Python has no compare-and-set on a mapping: write, then read back)
                if (magic == MAGIC and version == VERSION and header_fits(mm) and client_pid == 0
                        and struct.unpack_from('<i', mm, SERVER_STATE)[0] == STATE_READY and server_alive_in(mm)):
                    channel = cls(path, mm, False)
                    channel._put_long(CLIENT_HEARTBEAT, now_millis())
                    channel._put_long(CLIENT_PID, os.getpid())
                    time.sleep(0.001)
                    if channel._long(CLIENT_PID) == os.getpid():
                        channel.inbound.skip_to_tail(False)
                        return channel
                mm.close()
            except (FileNotFoundError, ValueError, struct.error):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError('no channel file at %s after %.0f s' % (path, timeout))
            time.sleep(0.01)

    def heartbeat(self):
        if time.monotonic() - self.last_heartbeat >= HEARTBEAT_INTERVAL:
            self.last_heartbeat = time.monotonic()
            self._put_long(SERVER_HEARTBEAT if self.server else CLIENT_HEARTBEAT, now_millis())

    def send(self, body, msg_type=TYPE_SEND, correlation_id=0, timeout=1.0):
        if len(body) > self.max_body:
            raise ValueError('message of %d bytes exceeds the max message size of %d' % (len(body), self.max_body))
        deadline = time.monotonic() + timeout
        while not self.outbound.write(msg_type, correlation_id, body):
            if time.monotonic() > deadline:
                raise TimeoutError('ring full for %.1f s' % timeout)
            time.sleep(0.0001)

    def request(self, body, timeout=10.0):
        self.next_id += 1
        correlation_id = self.next_id
        self.send(body, TYPE_REQUEST, correlation_id)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.heartbeat()
            for msg_type, reply_id, reply in self.inbound.read():
                if reply_id == correlation_id:
                    if msg_type == TYPE_ERROR:
                        raise RuntimeError(reply.decode('utf-8', 'replace'))
                    return reply
            time.sleep(0.0001)
        raise TimeoutError('no reply to request %d in %.1f s' % (correlation_id, timeout))

    def serve(self, handler, running):
        while running():
            self.heartbeat()
            self.watch_client()
            messages = self.inbound.read()
            for msg_type, correlation_id, body in messages:
                try:
                    reply, reply_type = handler(body), TYPE_REPLY
                except Exception as ex:         # the client gets an error record, the server goes on
                    # the type only, as the Java server: the message may carry what the client must not see
                    reply, reply_type = ('listener failed: ' + type(ex).__name__).encode('utf-8'), TYPE_ERROR
                if msg_type == TYPE_REQUEST:
                    reply = reply if reply is not None else b''
                    if len(reply) > self.max_body:
                        reply, reply_type = b'reply exceeds the max message size', TYPE_ERROR
                    self.send(reply, reply_type, correlation_id)
            if not messages:
                time.sleep(0.0002)

    def watch_client(self):
        """Give up a client whose process is gone: reset both rings, then write client pid 0."""
        pid = self._long(CLIENT_PID)
        if pid and not pid_alive(pid):
            self.inbound.skip_to_tail(True)
            self.outbound.skip_to_tail(True)
            self._put_long(CLIENT_PID, 0)

    def close(self):
        if self.server:
            struct.pack_into('<i', self.mm, SERVER_STATE, STATE_CLOSED)
            os.unlink(self.path)
        elif struct.unpack_from('<q', self.mm, CLIENT_PID)[0] == os.getpid():
            self._put_long(CLIENT_PID, 0)
        self.mm.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('mode', choices=['request', 'send', 'serve', 'hold'])
    parser.add_argument('file')
    parser.add_argument('words', nargs='*')
    parser.add_argument('--capacity', type=int, default=65536)
    parser.add_argument('--max-message-size', type=int, default=1024)
    args = parser.parse_args()
    stopping = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
    if args.mode == 'serve':
        channel = Channel.create(args.file, args.capacity, args.max_message_size)
        print('ready', flush=True)

        def answer(body):
            print('got: ' + body.decode('utf-8', 'replace'), flush=True)
            return b'py:' + body
        channel.serve(answer, lambda: not stopping)
    else:
        channel = Channel.attach(args.file)
        print('attached', flush=True)
        for word in args.words:
            if args.mode == 'request':
                print(channel.request(word.encode()).decode('utf-8', 'replace'), flush=True)
            elif args.mode == 'send':
                channel.send(word.encode())
        while args.mode == 'hold' and not stopping:
            channel.heartbeat()
            time.sleep(0.05)
    channel.close()


if __name__ == '__main__':
    main()
