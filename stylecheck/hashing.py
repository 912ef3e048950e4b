"""Stable digests for cache keys and the lexicon's word hashes.

BLAKE2b from the interpreter's built-in `_blake2` module: `import hashlib` also loads OpenSSL's
libcrypto, about 4 ms of every start on a slow machine, for hashes stylecheck never uses.
"""
from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter without the built-in module
    from hashlib import blake2b

__all__ = ["blake2b"]
