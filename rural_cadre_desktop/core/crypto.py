"""Passphrase encryption for files that leave the PC (encrypted backups, sync packages).

API
    derive_key(passphrase, salt, n=2**17, r=8, p=1) -> 32-byte key (scrypt)
    seal(source, passphrase, aad=b"", *, label=b"", out=None) -> bytes | None
        source: bytes or a binary file object read to its end. With out (a binary file object) the
        sealed stream is written there (memory stays at one chunk) and None is returned; without
        it the sealed bytes are returned.
    open_sealed(source, passphrase, aad=b"", *, label=None, out=None) -> bytes | None
        The reverse. Raises SealError (a UserError: one Chinese sentence) for a file that is not
        sealed, another label, a wrong passphrase, a changed byte or a truncated file. When writing
        to `out`, plaintext chunks are written as they are verified: treat `out` as untrusted
        until open_sealed has returned (write it to a work file, rename when done).
    read_header(head_bytes) -> Header   (label, scrypt parameters; raises SealError)
    is_sealed(head_bytes) -> bool       (the first 8 bytes are enough)

Format (version 1), all integers big-endian:
    magic  b"RCDSEAL\\x1a" | version u8 | label length u8 + label | log2(n) u8 | r u8 | p u8
    | salt 16 | nonce 12 | chunk size u32 | key check 16
    then chunks: AES-256-GCM(chunk of at most `chunk size` plaintext bytes) + 16-byte tag.
Chunk i's nonce is the header nonce XOR i; its associated data is the whole header, i (u64), a
final-chunk flag (u8) and the caller's aad — so reordering, dropping or appending chunks, cutting
the file at a chunk boundary or editing the header all fail authentication. The key check (16
bytes of scrypt output beyond the key) tells a wrong passphrase apart from a damaged file; it
helps an attacker no more than trying passphrases against the first chunk would.
"""
from __future__ import annotations

import io
import os
import struct
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from rural_cadre_desktop.core.errors import UserError

MAGIC = b"RCDSEAL\x1a"
VERSION = 1
N, R, P = 2 ** 17, 8, 1          # scrypt: 128 MiB, about half a second on an office PC
CHUNK = 4 * 1024 * 1024
_TAG = 16
_MAX_LOG2N, _MAX_R, _MAX_P = 20, 16, 4   # refuse headers that would need gigabytes to open
_MAX_CHUNK = 64 * 1024 * 1024


class SealError(UserError):
    """The sealed file cannot be opened: not one of ours, wrong passphrase, damaged or cut short."""


@dataclass(frozen=True)
class Header:
    label: bytes
    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    chunk: int
    check: bytes
    raw: bytes          # the exact header bytes (authenticated with every chunk)


def _norm(passphrase: str) -> bytes:
    # NFC so the same passphrase typed on two PCs (IMEs may compose differently) gives one key.
    if not passphrase:
        raise SealError("口令不能为空，请输入口令", "the passphrase is empty")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    out = Scrypt(salt=salt, length=48, n=n, r=r, p=p).derive(_norm(passphrase))
    return out[:32], out[32:]


def derive_key(passphrase: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    """The 32-byte AES key scrypt derives from PASSPHRASE (NFC, UTF-8) and SALT."""
    return _derive(passphrase, salt, n, r, p)[0]


def is_sealed(head: bytes) -> bool:
    return head[:len(MAGIC)] == MAGIC


def _pack_header(label: bytes, n: int, r: int, p: int, salt: bytes, nonce: bytes, chunk: int,
                 check: bytes) -> bytes:
    if len(label) > 255:
        raise ValueError("label too long")
    return (MAGIC + bytes([VERSION, len(label)]) + label
            + bytes([n.bit_length() - 1, r, p]) + salt + nonce + struct.pack(">I", chunk) + check)


def _read_header(stream: BinaryIO) -> Header:
    not_ours = SealError("这不是本软件加密的文件，请确认选对了文件",
                         "not a file encrypted by this program")
    fixed = stream.read(len(MAGIC) + 2)
    if len(fixed) < len(MAGIC) + 2 or not is_sealed(fixed):
        raise not_ours
    if fixed[len(MAGIC)] != VERSION:
        raise SealError("这个加密文件来自更新版本的软件，请先升级本软件再打开",
                        f"sealed format version {fixed[len(MAGIC)]} is newer than this program")
    label_len = fixed[-1]
    rest_len = label_len + 3 + 16 + 12 + 4 + 16
    rest = stream.read(rest_len)
    if len(rest) < rest_len:
        raise SealError("加密文件不完整（可能复制时中断），请重新复制该文件", "the sealed file is truncated")
    label = rest[:label_len]
    log2n, r, p = rest[label_len:label_len + 3]
    pos = label_len + 3
    salt, nonce = rest[pos:pos + 16], rest[pos + 16:pos + 28]
    chunk = struct.unpack(">I", rest[pos + 28:pos + 32])[0]
    check = rest[pos + 32:pos + 48]
    if not (1 <= log2n <= _MAX_LOG2N and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P and 1 <= chunk <= _MAX_CHUNK):
        raise SealError("加密文件的文件头已损坏，无法打开，请换一份备份", "the sealed file's header is damaged")
    return Header(label, 1 << log2n, r, p, salt, nonce, chunk, check, fixed + rest)


def read_header(head: bytes) -> Header:
    """The header of a sealed file from its first bytes (61 + len(label) of them are enough)."""
    return _read_header(io.BytesIO(head))


def _nonce(base: bytes, index: int) -> bytes:
    return (int.from_bytes(base, "big") ^ index).to_bytes(12, "big")


def _aad(header: bytes, index: int, final: bool, aad: bytes) -> bytes:
    return header + struct.pack(">QB", index, 1 if final else 0) + aad


def _as_stream(source) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, (bytes, bytearray, memoryview)) else source


def seal(source, passphrase: str, aad: bytes = b"", *, label: bytes = b"", out: BinaryIO | None = None,
         n: int = N, r: int = R, p: int = P, chunk: int = CHUNK) -> bytes | None:
    """Encrypt and authenticate SOURCE (bytes or a binary stream) under PASSPHRASE; see the module doc."""
    if n < 2 or n & (n - 1):
        raise ValueError("n must be a power of two")
    src = _as_stream(source)
    sink = out if out is not None else io.BytesIO()
    salt, nonce = os.urandom(16), os.urandom(12)
    key, check = _derive(passphrase, salt, n, r, p)
    header = _pack_header(label, n, r, p, salt, nonce, chunk, check)
    sink.write(header)
    gcm = AESGCM(key)
    index, current = 0, src.read(chunk)
    while True:
        following = src.read(chunk) if len(current) == chunk else b""   # look ahead: is this the last?
        final = not following
        sink.write(gcm.encrypt(_nonce(nonce, index), current, _aad(header, index, final, aad)))
        if final:
            break
        index, current = index + 1, following
    if out is None:
        return sink.getvalue()
    return None


def open_sealed(source, passphrase: str, aad: bytes = b"", *, label: bytes | None = None,
                out: BinaryIO | None = None) -> bytes | None:
    """Decrypt and verify what `seal` wrote; SealError if anything is wrong (see the module doc)."""
    src = _as_stream(source)
    head = _read_header(src)
    if label is not None and head.label != label:
        raise SealError("这个加密文件不是所需的类型（例如把同步包当成了备份），请确认选对了文件",
                        f"the sealed file holds {head.label.decode('ascii', 'replace')!r}, "
                        f"not {label.decode('ascii', 'replace')!r}")
    key, check = _derive(passphrase, head.salt, head.n, head.r, head.p)
    if check != head.check:
        raise SealError("口令不对，无法解密这个文件，请核对口令后重试", "wrong passphrase")
    gcm = AESGCM(key)
    sink = out if out is not None else io.BytesIO()
    size = head.chunk + _TAG
    index, current = 0, src.read(size)
    while True:
        following = src.read(size) if len(current) == size else b""
        final = not following
        try:
            sink.write(gcm.decrypt(_nonce(head.nonce, index), current, _aad(head.raw, index, final, aad)))
        except InvalidTag:
            raise _damaged(gcm, head, index, current, final, aad) from None
        if final:
            break
        index, current = index + 1, following
    if out is None:
        return sink.getvalue()
    return None


def _damaged(gcm: AESGCM, head: Header, index: int, data: bytes, final: bool, aad: bytes) -> SealError:
    """Say whether the file was cut short (the last chunk reads as a middle one) or changed."""
    if final:
        try:
            gcm.decrypt(_nonce(head.nonce, index), data, _aad(head.raw, index, False, aad))
            return SealError("加密文件不完整（可能复制时中断），请重新复制该文件", "the sealed file is truncated")
        except InvalidTag:
            pass
    return SealError("加密文件已损坏或被改动，无法恢复，请换一份备份",
                     f"the sealed file is damaged or was changed (chunk {index})")
