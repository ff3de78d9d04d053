"""Tiny PDFs written by hand: a known text in any script, encrypted ones, images only, and a
decompression bomb.

Text uses a Type0 font with Identity-H encoding, each character's code point as its CID, and a
ToUnicode map back, so pdfminer reads any BMP character (Han, Thai, Cyrillic...) without a font file.
"""

from __future__ import annotations

import base64
import zlib

_ENCRYPT = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"


def _to_unicode(chars: set[str]) -> bytes:
    pairs = "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in sorted(chars))
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{pairs}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)


def _content(lines: list[str]) -> bytes:
    ops = ["BT /F1 11 Tf 14 TL 50 780 Td"]
    for line in lines:
        ops.append("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode()
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)


def pdf(text: str, *, pages: int = 1, encrypted: bool = False) -> bytes:
    """A PDF whose every page shows ``text`` (one line per line of text)."""
    lines = text.splitlines() or [""]
    chars = {c for line in lines for c in line} or {" "}
    kids = " ".join(f"{6 + 2 * i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), pages),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Any /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Any /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _to_unicode(chars),
    ]
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)
        )
        objects.append(_content(lines))
    if encrypted:
        objects.append(_ENCRYPT)
    return _assemble(objects, encrypted)


def image_only() -> bytes:
    """A one-page PDF with no text at all (what a scanner produces, less the image)."""
    return pdf("")


def _inflating(mib: int) -> bytes:
    """A zlib stream of ``mib`` MiB of spaces, built without ever holding them: one compressed MiB
    (the compressor's history reset after each, so every copy is the same bytes), repeated."""
    block = b" " * (1 << 20)
    packer = zlib.compressobj(9)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-4]  # the final block, less the checksum of two MiB only
    check = 1
    for _ in range(mib):
        check = zlib.adler32(block, check)
    return first + again * (mib - 1) + end + check.to_bytes(4, "big")


def bomb(mib: int = 2048) -> bytes:
    """A PDF of a few kilobytes whose page content inflates to ``mib`` MiB: a valid zlib stream of
    spaces, compressed once more (``/Filter [/FlateDecode /FlateDecode]``)."""
    packed = zlib.compress(_inflating(mib), 9)
    stream = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n%s\nendstream" % (
        len(packed),
        packed,
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>",
        stream,
    ]
    return _assemble(objects, False)


def _assemble(objects: list[bytes], encrypted: bool) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    extra = b""
    if encrypted:
        extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"ab" * 16, b"ab" * 16)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        extra,
        xref,
    )
    return bytes(out)


def attachment(content: bytes, filename: str = "letter.pdf") -> dict[str, str]:
    """The API's JSON form of an attachment."""
    return {"filename": filename, "content_base64": base64.b64encode(content).decode()}
