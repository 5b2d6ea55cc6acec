"""A lean HTTP/1.1 keep-alive client, so the load generator spends its core on sending, not on parsing."""

from __future__ import annotations

import asyncio


class Connection:
    """One keep-alive connection; `request` sends and reads one response (status, headers, body)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, f"{host}:{port}")

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request; an idle keep-alive connection the server closed is reopened once (keys make retries safe)."""
        try:
            return await self._request(method, path, body, headers)
        except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError):
            self.close()
            host, port = self.host.rsplit(":", 1)
            self.reader, self.writer = await asyncio.open_connection(host, int(port))
            return await self._request(method, path, body, headers)

    async def _request(
        self, method: str, path: str, body: bytes, headers: dict[str, str] | None
    ) -> tuple[int, dict[str, str], bytes]:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        parsed: dict[str, str] = {}
        cookies: list[str] = []
        for line in header_lines:
            if ":" in line:
                k, v = line.split(":", 1)
                if k.lower() == "set-cookie":
                    cookies.append(v.strip())
                parsed[k.lower()] = v.strip()
        if cookies:
            parsed["set-cookie"] = "\n".join(cookies)
        length = int(parsed.get("content-length", "0"))
        data = await self.reader.readexactly(length) if length else b""
        return int(status_line.split()[1]), parsed, data

    def close(self) -> None:
        self.writer.close()


def cookie_value(set_cookie: str, name: str) -> str:
    for line in set_cookie.split("\n"):
        first = line.split(";", 1)[0]
        k, _, v = first.partition("=")
        if k.strip() == name:
            return v.strip()
    raise KeyError(name)
