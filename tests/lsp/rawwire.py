"""`ownlint server` driven byte by byte: what a well-behaved client (pytest-lsp) cannot send,
such as frames that are not JSON, or JSON that is not a message."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from harness import WAIT, ownlint_binary


class RawServer:
    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        # Messages read while looking for another one, in order of arrival.
        self.pending: list[dict] = []

    @classmethod
    async def start(cls) -> RawServer:
        process = await asyncio.create_subprocess_exec(
            ownlint_binary(),
            "server",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return cls(process)

    def send_bytes(self, data: bytes) -> None:
        self.process.stdin.write(data)

    def send_body(self, body: bytes) -> None:
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, message: dict) -> None:
        # Not ASCII-escaped: the length must count UTF-8 bytes, not characters.
        self.send_body(json.dumps(message, ensure_ascii=False).encode("utf-8"))

    def request(self, id_: Any, method: str, params: Any = None) -> None:
        message = {"jsonrpc": "2.0", "id": id_, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def notify(self, method: str, params: Any = None) -> None:
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    async def _read_message(self) -> dict | None:
        length = None
        while True:
            line = await self.process.stdout.readline()
            if not line:
                return None
            line = line.rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        assert length is not None, "a frame from the server without Content-Length"
        body = await self.process.stdout.readexactly(length)
        return json.loads(body)

    async def next_message(self) -> dict | None:
        """The next message from the server; `None` once its output ended."""
        if self.pending:
            return self.pending.pop(0)
        return await asyncio.wait_for(self._read_message(), WAIT)

    async def response(self, id_: Any) -> dict:
        """The response with `id_`; messages met before it are kept for `next_message`."""
        skipped = []
        for i, message in enumerate(self.pending):
            if "method" not in message and message.get("id") == id_:
                del self.pending[i]
                return message
        while True:
            message = await asyncio.wait_for(self._read_message(), WAIT)
            assert message is not None, f"the server ended before answering {id_!r}"
            if "method" not in message and message.get("id") == id_:
                self.pending.extend(skipped)
                return message
            skipped.append(message)

    async def initialize(self, root_uri: str | None = None) -> dict:
        self.request(1, "initialize", {"processId": None, "rootUri": root_uri, "capabilities": {}})
        answer = await self.response(1)
        self.notify("initialized", {})
        return answer

    async def exit_code(self) -> int:
        """Wait for the server to end (it must, by itself) and return its exit status."""
        return await asyncio.wait_for(self.process.wait(), WAIT)

    async def close(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
