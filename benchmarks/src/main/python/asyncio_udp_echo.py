"""Datagram echo server on asyncio for the UDP benchmark (benchmarks/README.md, "UDP datagram echo").

Every datagram is sent back to its sender unchanged, the way an asyncio user writes it: a
DatagramProtocol whose datagram_received calls transport.sendto. Binds 127.0.0.1 on the given port
(0, the default, binds an ephemeral one) and prints "PORT <n>" once it listens. With --watch-stdin
it exits when standard input reaches end of file, so it does not outlive a runner that was killed.

    python3 asyncio_udp_echo.py [port] [--watch-stdin]
"""

import asyncio
import os
import sys
import threading


class Echo(asyncio.DatagramProtocol):

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data, addr)


def exit_at_end_of_stdin():
    sys.stdin.buffer.read()
    os._exit(0)


async def serve(port, watch_stdin):
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", port))
    print(f"PORT {transport.get_extra_info('sockname')[1]}", flush=True)
    if watch_stdin:
        threading.Thread(target=exit_at_end_of_stdin, daemon=True).start()
    await asyncio.Event().wait()


def main(args):
    port = int(next((arg for arg in args if not arg.startswith("--")), "0"))
    try:
        asyncio.run(serve(port, "--watch-stdin" in args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
