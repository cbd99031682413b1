"""The server keeps the protocol: errors for what it cannot read or does not answer, the
lifecycle of initialize, shutdown and exit, and its exit status."""

from __future__ import annotations

import pytest
from harness import uri
from pygls.exceptions import JsonRpcMethodNotFound
from rawwire import RawServer

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002


@pytest.fixture
async def raw():
    server = await RawServer.start()
    yield server
    await server.close()


async def test_a_frame_that_is_not_json_is_a_parse_error_and_reading_goes_on(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.send_body(b"{this is not json")
    error = await raw.response(None)
    assert error["error"]["code"] == PARSE_ERROR
    assert error["jsonrpc"] == "2.0"

    raw.request(2, "ownlint-test/unknown", {})
    assert (await raw.response(2))["error"]["code"] == METHOD_NOT_FOUND
    raw.request(3, "shutdown")
    assert (await raw.response(3)) == {"jsonrpc": "2.0", "id": 3, "result": None}
    raw.notify("exit")
    assert await raw.exit_code() == 0


async def test_json_that_is_not_a_message_is_an_invalid_request(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.send_body(b'{"jsonrpc": "2.0", "id": 7, "params": {}}')
    error = await raw.response(7)
    assert error["error"]["code"] == INVALID_REQUEST

    raw.send_body(b"[1, 2, 3]")
    error = await raw.response(None)
    assert error["error"]["code"] == INVALID_REQUEST

    raw.request(8, "ownlint-test/unknown")
    assert (await raw.response(8))["error"]["code"] == METHOD_NOT_FOUND


async def test_a_length_that_is_not_a_number_is_a_parse_error(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.send_bytes(b"Content-Length: twelve\r\n\r\n")
    error = await raw.response(None)
    assert error["error"]["code"] == PARSE_ERROR

    raw.request(2, "ownlint-test/unknown")
    assert (await raw.response(2))["error"]["code"] == METHOD_NOT_FOUND


async def test_the_length_counts_bytes_not_characters(raw, tmp_path):
    """A frame whose body has multi-byte characters is read whole, and the next frame after it."""
    await raw.initialize(uri(tmp_path))
    document = tmp_path / "OWNERSHIP.md"
    text = "### Zürich 🚀 Domain\n\n**Owner:** TBD ≤ ☕\n"
    raw.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri(document),
                "languageId": "markdown",
                "version": 1,
                "text": text,
            }
        },
    )
    raw.request(2, "ownlint-test/unknown")
    assert (await raw.response(2))["error"]["code"] == METHOD_NOT_FOUND
    while True:
        message = await raw.next_message()
        if message.get("method") == "textDocument/publishDiagnostics":
            break
    assert message["params"]["uri"] == uri(document)
    assert message["params"]["version"] == 1
    assert "OWN101" in {d["code"] for d in message["params"]["diagnostics"]}


async def test_a_request_before_initialize_is_refused(raw, tmp_path):
    raw.request(
        1,
        "textDocument/hover",
        {
            "textDocument": {"uri": uri(tmp_path / "a.md")},
            "position": {"line": 0, "character": 0},
        },
    )
    error = await raw.response(1)
    assert error["error"]["code"] == SERVER_NOT_INITIALIZED
    raw.request(2, "shutdown")
    assert (await raw.response(2))["error"]["code"] == SERVER_NOT_INITIALIZED

    # Initialization is still possible afterwards.
    answer = await raw.initialize(uri(tmp_path))
    assert answer["result"]["serverInfo"]["name"] == "ownlint"


async def test_initialize_twice_is_an_invalid_request(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.request(2, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert (await raw.response(2))["error"]["code"] == INVALID_REQUEST


async def test_initialize_with_invalid_params_is_refused(raw, tmp_path):
    raw.request(1, "initialize", {"processId": "not a number", "capabilities": 3})
    assert (await raw.response(1))["error"]["code"] == INVALID_PARAMS


@pytest.mark.parametrize(
    "method",
    [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/documentSymbol",
        "textDocument/codeAction",
    ],
)
async def test_a_request_with_invalid_params_is_refused(raw, tmp_path, method):
    await raw.initialize(uri(tmp_path))
    raw.request(2, method, {"textDocument": 42})
    assert (await raw.response(2))["error"]["code"] == INVALID_PARAMS
    raw.request(3, "shutdown")
    assert (await raw.response(3))["result"] is None
    raw.notify("exit")
    assert await raw.exit_code() == 0


async def test_requests_after_shutdown_are_refused(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.request(2, "shutdown")
    assert (await raw.response(2))["result"] is None
    raw.request(3, "ownlint-test/unknown")
    assert (await raw.response(3))["error"]["code"] == INVALID_REQUEST
    raw.notify("exit")
    assert await raw.exit_code() == 0


async def test_exit_without_shutdown_exits_1(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.notify("exit")
    assert await raw.exit_code() == 1


async def test_exit_before_initialize_exits_1(raw):
    raw.notify("exit")
    assert await raw.exit_code() == 1


async def test_the_end_of_input_ends_the_server(raw, tmp_path):
    """A client that dies without `exit`: the server must not linger."""
    await raw.initialize(uri(tmp_path))
    raw.process.stdin.close()
    assert await raw.exit_code() == 1


async def test_unknown_notifications_get_no_answer(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.notify("ownlint-test/somethingNew", {"x": 1})
    raw.notify("$/cancelRequest", {"id": 99})
    raw.notify("$/setTrace", {"value": "verbose"})
    raw.request(2, "ownlint-test/unknown")
    # The first answer after those is the request's: notifications are never answered.
    message = await raw.next_message()
    while message.get("method") == "window/logMessage":
        message = await raw.next_message()
    assert message.get("id") == 2


async def test_notifications_the_server_cannot_read_are_logged_not_fatal(raw, tmp_path):
    await raw.initialize(uri(tmp_path))
    raw.notify("textDocument/didOpen", {"textDocument": "not an item"})
    raw.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri(tmp_path / "never-opened.md"), "version": 2},
            "contentChanges": [{"text": "### X Domain\n"}],
        },
    )
    raw.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": "untitled:Untitled-1",
                "languageId": "markdown",
                "version": 1,
                "text": "# x\n",
            }
        },
    )
    raw.request(2, "ownlint-test/unknown")
    assert (await raw.response(2))["error"]["code"] == METHOD_NOT_FOUND
    raw.request(3, "shutdown")
    assert (await raw.response(3))["result"] is None
    raw.notify("exit")
    assert await raw.exit_code() == 0


async def test_an_unknown_request_is_method_not_found(session, tmp_path):
    """The same through pytest-lsp's client, which checks the shape of the answer."""
    await session.initialize(tmp_path)
    answer = await session.request("ownlint-test/unknown", {"x": 1})
    assert isinstance(answer, JsonRpcMethodNotFound)


async def test_shutdown_then_exit_exits_0_through_pytest_lsp(session, tmp_path):
    await session.initialize(tmp_path)
    assert await session.stop() == 0
