"""Bytes to text: decoding, BOM handling, binary detection and the editor's line index.

The decoded text keeps every character of the file (line endings included) so that
offsets, fixes and positions all refer to the same string the editor sees.
"""
from __future__ import annotations

import bisect
import codecs
from array import array

from .patterns import compile_re

# Only these end a line, as in every editor; U+2028, form feed and friends do not.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A file that cannot be read as text; the message is one line for the editor."""

    def __init__(self, reason: str, code: str = "SC-E001"):
        super().__init__(reason)
        self.reason = reason
        self.code = code


_LINE_BREAK = compile_re(r"\r\n?|\n")


def line_starts(text: str) -> array:
    """Offsets where each line begins, counting only CRLF, CR and LF as line breaks.

    Linear in the text: one scan (an earlier find-based loop rescanned for a missing "\r" on
    every line, which made a 100 MB LF file quadratic). An array of 64-bit ints, not a list:
    8 bytes a line instead of ~40, which is 60 MB less for a 100 MB file of short lines.
    """
    starts = array("q", [0])
    if "\r" not in text:
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts
    starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
    return starts


class LineIndex:
    """Map code-point offsets to 1-based (line, column) as an editor counts them."""

    __slots__ = ("starts",)

    def __init__(self, starts: array):
        self.starts = starts

    @classmethod
    def of(cls, text: str) -> "LineIndex":
        return cls(line_starts(text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


class Source:
    """One input file as text, plus what is needed to write it back byte for byte."""

    __slots__ = ("path", "text", "encoding", "bom", "lines")

    def __init__(self, path: str, text: str, encoding: str = "utf-8", bom: bytes = b""):
        self.path, self.text, self.encoding, self.bom = path, text, encoding, bom
        self.lines = LineIndex.of(text)

    def __repr__(self) -> str:
        return f"Source({self.path!r}, {len(self.text)} characters, {self.encoding!r})"

    def encode(self, text: str) -> bytes:
        """Encode new text the way the original was stored (same encoding, same BOM)."""
        return self.bom + text.encode(self.encoding)


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def check_encoding(encoding: str) -> str:
    """The codec's name for a text encoding; ValueError for an unknown one or a bytes codec (base64, rot13)."""
    try:
        b"\x00".decode(encoding)  # LookupError for unknown names and codecs that are not text encodings
    except UnicodeDecodeError:
        pass  # a text encoding in which one byte is not a character (UTF-16, UTF-32)
    except LookupError:
        raise ValueError(f"unknown text encoding {encoding!r} (e.g. utf-8, cp1252, latin-1)") from None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown text encoding {encoding!r} (e.g. utf-8, cp1252, latin-1)") from None


def decode(data: bytes, path: str = "<stdin>", encoding: str | None = None) -> Source:
    """Decode file bytes strictly; raise InputError with a one-line reason when that fails.

    Binary detection stays on with `encoding` (a UTF-16 file read as UTF-8 is NUL bytes, not
    copy), except for UTF-16 and UTF-32, where NUL bytes are text.
    """
    if encoding:
        try:
            check_encoding(encoding)
        except ValueError as exc:
            raise InputError(str(exc), "SC-E002") from None
    for bom, name in _BOMS:
        if data.startswith(bom) and (encoding is None or codecs.lookup(encoding).name.startswith(("utf-8", "utf-16", "utf-32"))):
            body = data[len(bom):]
            try:
                return Source(path, body.decode(name), name, bom)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {name.upper()} at byte {exc.start + len(bom)}", "SC-E003") from None
    if _looks_binary(data) and not (encoding and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))):
        hint = f" for {encoding} (is it UTF-16 without a byte order mark?)" if encoding else ""
        raise InputError(f"binary file (contains NUL bytes){hint}, skipped", "SC-E004")
    name = encoding or "utf-8"
    try:
        return Source(path, data.decode(name), name)
    except UnicodeDecodeError as exc:
        hint = "" if encoding else "; pass --encoding cp1252 (or latin-1) for legacy copy"
        raise InputError(f"invalid {name.upper()} at byte {exc.start}{hint}", "SC-E003") from None
