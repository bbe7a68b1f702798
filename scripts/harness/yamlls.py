"""A real client of yaml-language-server, the engine of Red Hat's YAML
extension for VS Code: what an editor sees underlined while typing.

The server runs from node_modules (pinned in package-lock.json) over stdio,
with the settings the project ships in .vscode/settings.json, so a test asks
it exactly what an editor's VS Code would.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path

from samverkan.paths import ROOT

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SETTINGS = ROOT / ".vscode" / "settings.json"


def editor_settings() -> dict:
    """.vscode/settings.json's "yaml.*" keys, nested as the server asks for them."""
    flat = json.loads(SETTINGS.read_text("utf-8"))
    nested: dict = {}
    for key, value in flat.items():
        if not key.startswith("yaml."):
            continue
        node = nested
        *parents, last = key.removeprefix("yaml.").split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return nested


class YamlLanguageServer:
    """One server over stdio for a workspace folder; use as a context manager."""

    def __init__(self, workspace: Path, node: str = "node"):
        self.workspace = workspace
        self.process = subprocess.Popen([node, str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.responses: dict[int, queue.Queue] = {}
        self.diagnostics: dict[str, queue.Queue] = {}
        self.lock = threading.Lock()
        # Documents stay open, as in an editor: closing one makes the server
        # publish an empty list to clear it, which would be read as the next answer.
        self.versions: dict[str, int] = {}
        threading.Thread(target=self._read, daemon=True).start()

    # ---------------------------------------------------------------- protocol

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self.lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # a request from the server
                self._answer(message)
            elif "id" in message:
                self.responses.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                uri = message["params"]["uri"]
                self.diagnostics.setdefault(uri, queue.Queue()).put(message["params"]["diagnostics"])

    def _answer(self, request: dict) -> None:
        if request["method"] == "workspace/configuration":
            sections = {"yaml": editor_settings(), "http": {}, "[yaml]": {}, "editor": {}}
            result = [sections.get(item.get("section"), {}) for item in request["params"]["items"]]
        else:
            result = None
        self._send({"id": request["id"], "result": result})

    def request(self, method: str, params: dict, timeout: float = 30) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.responses.setdefault(ident, queue.Queue())
        self._send({"id": ident, "method": method, "params": params})
        return self.responses[ident].get(timeout=timeout).get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    # ---------------------------------------------------------------- the editor's view

    def __enter__(self) -> YamlLanguageServer:
        uri = self.workspace.as_uri()
        self.request("initialize", {
            "processId": None, "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": "samverkan"}],
            "capabilities": {"workspace": {"configuration": True}, "textDocument": {"completion": {"completionItem": {"snippetSupport": False}}}},
            "locale": "sv",
        }, timeout=60)
        self.notify("initialized", {})
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except Exception:
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()

    def open(self, path: Path) -> str:
        """The file's current text in the editor: opened, or changed if it is open."""
        uri = path.as_uri()
        text = path.read_text("utf-8", errors="replace")
        self.diagnostics[uri] = queue.Queue()
        version = self.versions.get(uri, 0) + 1
        self.versions[uri] = version
        if version == 1:
            self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}})
        else:
            self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
        return uri

    def problems(self, path: Path, timeout: float = 30) -> list[dict]:
        """The diagnostics the editor underlines in path, once the server has validated it."""
        uri = self.open(path)
        return self.diagnostics[uri].get(timeout=timeout)

    def completions(self, path: Path, line: int, character: int) -> list[str]:
        """What the editor offers at a 0-based position of path."""
        uri = self.open(path)
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def hover(self, path: Path, line: int, character: int) -> str:
        uri = self.open(path)
        result = self.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        contents = (result or {}).get("contents", "")
        return contents.get("value", "") if isinstance(contents, dict) else str(contents)
