"""Echo server on asyncio streams for the load benchmark (benchmarks/README.md, "TCP load").

Every CRLF-terminated line is written back, CRLF included, the way an asyncio user writes it:
readuntil(b"\r\n"), write, drain. Binds 127.0.0.1 on the given port (0, the default, binds an
ephemeral one) and prints "PORT <n>" once it listens. With the environment variable
ECHO_UNIX_SOCKET set, it listens on that Unix domain socket instead (asyncio.start_unix_server)
and prints "PORT 0". With --watch-stdin it exits when standard
input reaches end of file, so it does not outlive a runner that was killed.

    python3 asyncio_echo.py [port] [--watch-stdin]
"""

import asyncio
import os
import sys
import threading

MAX_LINE_LENGTH = 8192


async def echo(reader, writer):
    try:
        while True:
            line = await reader.readuntil(b"\r\n")
            writer.write(line)
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass
    finally:
        writer.close()


def exit_at_end_of_stdin():
    sys.stdin.buffer.read()
    os._exit(0)


async def serve(port, watch_stdin):
    unix_path = os.environ.get("ECHO_UNIX_SOCKET")
    if unix_path:
        server = await asyncio.start_unix_server(echo, path=unix_path, limit=MAX_LINE_LENGTH)
        print("PORT 0", flush=True)
    else:
        server = await asyncio.start_server(echo, "127.0.0.1", port, limit=MAX_LINE_LENGTH)
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    if watch_stdin:
        threading.Thread(target=exit_at_end_of_stdin, daemon=True).start()
    async with server:
        await server.serve_forever()


def main(args):
    port = int(next((arg for arg in args if not arg.startswith("--")), "0"))
    try:
        asyncio.run(serve(port, "--watch-stdin" in args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
