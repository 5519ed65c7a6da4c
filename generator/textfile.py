"""Reading editors' text files: UTF-8 only, with clear messages for anything else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from generator.errors import ContentError

MAX_TEXT_BYTES = 50 * 1024 * 1024
T = TypeVar("T")


def decode_utf8(data: bytes, shown: str) -> str:
    """Decode ``data`` as UTF-8 (a BOM is dropped), or raise a located ContentError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContentError.at(
            shown,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line,
            col,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 text file, refusing files too large to be an editor's work."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ContentError.at(shown, f"file is {size // (1024 * 1024)} MB; the limit is 50 MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError.at(shown, f"cannot read: {exc.strerror}") from None
    return decode_utf8(data, shown)


class ParsedFiles:
    """Parsed files kept between builds (``explainer serve``): a file is parsed again only when
    its size, modification time or inode changed. Problems are never kept."""

    def __init__(self) -> None:
        self._parsed: dict[Path, tuple[tuple[int, int, int], object]] = {}

    def get(self, path: Path, shown: str, parse: Callable[[str, Path, str], T]) -> T:
        """``parse(text, path, shown)`` of the file, reusing the last result if it is unchanged."""
        try:
            stat = path.stat()
        except OSError:
            return parse(read_text(path, shown), path, shown)  # read_text reports the problem
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        kept = self._parsed.get(path)
        if kept is not None and kept[0] == signature:
            return cast(T, kept[1])
        value = parse(read_text(path, shown), path, shown)
        self._parsed[path] = (signature, value)
        return value
