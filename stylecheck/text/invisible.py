"""Which invisible characters are spelling in their context, and which are junk.

The same zero-width and direction characters that a CMS or a PDF leaves in copy as junk are
real orthography elsewhere, and deleting them there damages the text:

- a zero-width joiner (U+200D) between emoji builds one emoji (a family, a rainbow flag);
  between letters of a joining or Indic script it selects a letter form;
- a zero-width non-joiner (U+200C) is part of Persian, Urdu and Indic spelling;
- left-to-right and right-to-left marks (U+200E, U+200F, U+061C) steer numbers and punctuation
  next to Hebrew or Arabic words;
- a zero-width space (U+200B) marks word breaks in scripts written without spaces (Thai, Lao,
  Khmer, Myanmar, Tibetan, Chinese, Japanese).

`orthographic(text, i)` is the one answer; fixes.py refuses any edit that would delete such a
character, whichever rule proposes it.
"""
from __future__ import annotations

from functools import lru_cache

# the invisible characters that can be spelling; every other hidden character is junk in copy
CANDIDATES = "\u200b\u200c\u200d\u200e\u200f\u061c"
INVISIBLE = CANDIDATES + "\u00ad\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
WITHOUT_INVISIBLE = str.maketrans("", "", INVISIBLE)  # text.translate(...) drops every one
_JOINING = ("Arabic Syriac Nko Mongolian Mandaic Manichaean Psalter_Pahlavi Adlam Hanifi_Rohingya Sogdian "
            "Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala Tibetan "
            "Myanmar Khmer Balinese Javanese Thaana").split()
_UNSPACED = "Thai Lao Khmer Myanmar Tibetan Han Hiragana Katakana".split()
_RTL = "Hebrew Arabic Syriac Thaana Nko Samaritan Mandaic Adlam Hanifi_Rohingya".split()


@lru_cache(maxsize=1)
def _classes():
    from ..patterns import compile_regex

    def scripts(names: list[str]):
        return compile_regex("[" + "".join(f"\\p{{scx={n}}}" for n in names) + "]")

    emoji_before = compile_regex(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u20E3]")
    emoji_after = compile_regex(r"[\p{Extended_Pictographic}]")
    return emoji_before, emoji_after, scripts(_JOINING), scripts(_UNSPACED), scripts(_RTL)


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The visible characters right before and after position i (other invisible ones skipped)."""
    j = i - 1
    while j >= 0 and text[j] in INVISIBLE:
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in INVISIBLE:
        k += 1
    return (text[j] if j >= 0 else ""), (text[k] if k < len(text) else "")


def orthographic(text: str, i: int) -> bool:
    """Whether the invisible character at text[i] is spelling here (deleting it changes the text)."""
    ch = text[i]
    if ch not in CANDIDATES:
        return False
    emoji_before, emoji_after, joining, unspaced, rtl = _classes()
    before, after = _neighbours(text, i)
    if not before or not after:
        return ch in "\u200e\u200f\u061c" and _beside_rtl(text, i, rtl)
    if ch == "\u200d" and emoji_before.match(before) and emoji_after.match(after):
        return True
    if ch in "\u200c\u200d":
        return bool(joining.match(before) and joining.match(after))
    if ch == "\u200b":
        return bool(unspaced.match(before) and unspaced.match(after))
    return _beside_rtl(text, i, rtl)  # a direction mark beside right-to-left text


def _beside_rtl(text: str, i: int, rtl) -> bool:
    """Whether right-to-left letters stand within three characters of text[i] (the mark itself, an
    Arabic letter mark among them, does not count)."""
    return any(rtl.match(c) for c in text[max(0, i - 3):i] + text[i + 1:i + 4] if c not in INVISIBLE)


def deletes_orthography(text: str, start: int, end: int, replacement: str) -> bool:
    """Whether replacing text[start:end] by replacement drops an invisible character that is spelling there."""
    for i in range(start, end):
        if text[i] in CANDIDATES and text[i] not in replacement and orthographic(text, i):
            return True
    return False
