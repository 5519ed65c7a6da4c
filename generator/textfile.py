"""Reading editors' text files: UTF-8 only, with clear messages for anything else."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from generator.errors import ContentError

MAX_TEXT_BYTES = 50 * 1024 * 1024
# An article's text: about 15,000 words, beyond the longest news features, and small enough
# that extraction and analysis stay fast (seconds) on whatever a file holds.
MAX_ARTICLE_CHARS = 100_000
T = TypeVar("T")


def decode_utf8(data: bytes, shown: str) -> str:
    """Decode ``data`` as UTF-8 (a BOM is dropped), or raise a located ContentError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError.at(shown, "saved as UTF-16 (it starts with a UTF-16 byte-order mark); "
                                     "save the file as UTF-8", 1, 1)
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


# Control characters, and the invisible characters that reorder or hide text (bidi embeddings,
# overrides and isolates; zero-width space, word joiner, BOM). Joiners and marks that scripts
# need (U+200C/D, LRM, RLM) are kept.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e"
                          "\u2060-\u2064\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` without control or text-reordering characters: what a page may show."""
    return _UNPRINTABLE.sub("", text)


def check_article_size(text: str, shown: str, first_line: int = 1) -> None:
    """Refuse an article too long to be one news article before anything slower than a scan
    reads it; a single line that long is reported at its line."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return
    limit = f"the limit for an article is {MAX_ARTICLE_CHARS:,} (about 15,000 words)"
    for number, line in enumerate(text.split("\n"), first_line):
        if len(line) > MAX_ARTICLE_CHARS:
            raise ContentError.at(shown, f"line {number} is {len(line):,} characters long; {limit}",
                                  number, 1)
    raise ContentError.at(shown, f"article is {len(text):,} characters long; {limit}: "
                                 "is this one article?")


def confined(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symbolic link followed, is inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def outside_message(path: Path) -> str:
    return (f"is a symbolic link to {path.resolve()}, outside the project; "
            "copy it into the project instead")


def read_text(path: Path, shown: str, root: Path | None = None) -> str:
    """Read a UTF-8 text file, refusing files too large to be an editor's work and (given the
    project ``root``) files that are links to somewhere outside it."""
    if root is not None and not confined(path, root):
        raise ContentError.at(shown, outside_message(path))
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

    def get(self, path: Path, shown: str, parse: Callable[[str, Path, str], T],
            root: Path | None) -> T:
        """``parse(text, path, shown)`` of the file, reusing the last result if it is unchanged;
        a file outside the project ``root`` is refused (None: the caller has checked)."""
        try:
            stat = path.stat()
        except OSError:
            return parse(read_text(path, shown, root), path, shown)  # read_text reports it
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        kept = self._parsed.get(path)
        if kept is not None and kept[0] == signature:
            return cast(T, kept[1])
        value = parse(read_text(path, shown, root), path, shown)
        self._parsed[path] = (signature, value)
        return value
