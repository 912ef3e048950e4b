"""The one store: what it reads is sound or rebuilt, where it writes is the user's cache, nothing else."""
from __future__ import annotations

import os
import time

import pytest

from stylecheck import cachedir, store
from stylecheck.store import MARSHAL, Store, get_or_build


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A user cache of the test's own; the user's real cache is out of reach."""
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(cachedir, "_packaged", [])
    return tmp_path / "cache"


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(cache):
    build, calls = counting({"Ruritania": ("Ruritanian",)})
    assert get_or_build("table", ("v1",), build) == {"Ruritania": ("Ruritanian",)}
    assert get_or_build("table", ("v1",), build) == {"Ruritania": ("Ruritanian",)}
    assert calls == [1]
    (path,) = cache.glob("table-*.marshal")
    assert path.read_bytes().startswith(store.MAGIC)


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "payload"])
def test_a_corrupt_file_is_rebuilt_never_trusted(cache, damage):
    build, calls = counting(("Freedonia", "Freedonian") * 50)
    get_or_build("table", 1, build)
    (path,) = cache.glob("table-*.marshal")
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not a stored file")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) - 7])
    else:  # the header intact, the payload not marshal
        path.write_bytes(data[: store.HEADER] + b"\xff" * (len(data) - store.HEADER))
    assert get_or_build("table", 1, build) == ("Freedonia", "Freedonian") * 50
    assert calls == [1, 1]
    assert path.read_bytes() == data, "the damaged file was replaced by a sound one"


def test_a_foreign_file_under_the_right_name_is_ignored(cache):
    """Another key's file (another builder or package version, another store format) is never read."""
    build, calls = counting("ours")
    mine, theirs = Store("table", "v2"), Store("table", "v1")
    assert theirs.put("theirs")
    os.replace(theirs.path(str(cache)), mine.path(str(cache)))  # the right name, another key inside
    assert get_or_build("table", "v2", build) == "ours" and calls == [1]
    # a file from before the store (bare marshal, no header) is not read either
    import marshal

    with open(mine.path(str(cache)), "wb") as fh:
        fh.write(marshal.dumps("old format"))
    assert get_or_build("table", "v2", build) == "ours" and calls == [1, 1]


def test_an_unwritable_cache_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    build, calls = counting((1, 2, 3))
    assert get_or_build("table", 1, build) == (1, 2, 3)
    assert get_or_build("table", 1, build) == (1, 2, 3)
    assert calls == [1, 1], "built in memory each time, no error"
    assert Store("table", 1).put((1, 2)) is False, "reported, never raised"


def test_a_value_the_codec_cannot_store_runs_uncached(cache):
    value = object()
    assert get_or_build("table", 1, lambda: value) is value
    assert not cache.exists() or not list(cache.iterdir())


def test_a_redirected_cache_may_read_the_users_own_but_never_writes_it(tmp_path, monkeypatch):
    monkeypatch.setattr(cachedir, "_packaged", [])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("STYLECHECK_CACHE_DIR", raising=False)
    get_or_build("table", 1, lambda: "from home")
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "ci"))  # a CI job's own cache
    assert get_or_build("table", 1, lambda: "rebuilt") == "from home"
    home_file, = (tmp_path / "home" / "stylecheck").glob("table-*")
    home_file.write_bytes(b"damaged")
    assert get_or_build("table", 1, lambda: "rebuilt") == "rebuilt"
    assert home_file.read_bytes() == b"damaged", "only the redirected cache is written or cleaned"
    assert list((tmp_path / "ci").glob("table-*"))


def test_the_packaged_data_directory_answers_first_and_is_never_written(tmp_path, monkeypatch, cache):
    """The seam for data prepared at wheel build time (issue 17): read-only, consulted before the cache."""
    packaged = tmp_path / "site-packages" / "stylecheck" / "_prepared"
    assert Store("table", 1, directory=packaged).put("shipped")
    monkeypatch.setattr(cachedir, "_packaged", [str(packaged)])
    assert get_or_build("table", 1, lambda: "built") == "shipped"
    assert not cache.exists() or not list(cache.iterdir()), "nothing written to the user's cache"
    (shipped,) = packaged.iterdir()
    shipped.write_bytes(b"damaged in the wheel")
    assert get_or_build("table", 1, lambda: "built") == "built"
    assert shipped.read_bytes() == b"damaged in the wheel", "a read-only directory is never cleaned"
    assert get_or_build("table", 1, lambda: "again") == "built", "answered from the user's cache now"


def test_other_versions_go_after_a_month_or_beyond_four(cache):
    get_or_build("table", 0, lambda: "v0")
    (v0,) = cache.glob("table-*")
    month_ago = time.time() - 31 * 86400
    os.utime(v0, (month_ago, month_ago))
    unrelated = cache / "tablet-0000000000000000.marshal"  # another store whose name starts alike
    legacy = cache / "lexicon-b12_wordfreq-3.1.1_codespell_lib-2.4.3.bin"  # named before the store existed
    legacy.write_bytes(b"x")
    os.utime(legacy, (month_ago, month_ago))
    unrelated.write_bytes(b"x")
    os.utime(unrelated, (month_ago, month_ago))
    for version in range(1, 7):
        get_or_build("table", version, lambda: f"v{version}")
        time.sleep(0.01)  # distinct modification times
    names = sorted(p.name for p in cache.glob("table-*"))
    assert len(names) == cachedir.KEEP_VERSIONS and v0.name not in names
    assert Store("table", 6).path(str(cache)).rsplit("/", 1)[1] in names
    assert unrelated.exists()
    get_or_build("lexicon", 1, lambda: "v1", store.Codec("bin", MARSHAL.encode, MARSHAL.decode))
    assert not legacy.exists() and unrelated.exists()


def test_two_installs_sharing_one_cache_do_not_change_each_other(cache, tmp_path, monkeypatch):
    """Each install's packs are its own; one version's stored rules name the reading install's files."""
    from stylecheck import packs

    text = (packs.builtin_pack_dir() / "core.toml").read_text(encoding="utf-8")
    installs = {}
    for name, content in (("a", text), ("b", text), ("c", text.replace("Doubled word", "Twice-typed word"))):
        rules = tmp_path / name / "rules"
        rules.mkdir(parents=True)
        (rules / "core.toml").write_text(content, encoding="utf-8")
        installs[name] = rules
    seen = {}
    for name in ("a", "b", "c", "a"):
        monkeypatch.setattr(packs, "builtin_pack_dir", lambda d=installs[name]: d)
        packs.builtin_rules.cache_clear()
        seen[name] = packs.builtin_rules()
        assert {r.pack for r in seen[name]} == {str(installs[name] / "core.toml")}, name
    packs.builtin_rules.cache_clear()
    assert len(list(cache.glob("packs-*"))) == 2, "a and b share a file, c has its own"
    doubled = {n: next(r.message for r in rules if r.code == "CR101") for n, rules in seen.items()}
    assert doubled["a"] == doubled["b"] != doubled["c"] and "Twice-typed" in doubled["c"]


def test_results_of_two_installs_live_side_by_side(cache, monkeypatch):
    from stylecheck import cache as results

    caches = []
    for fingerprint in ("install-a", "install-b"):
        monkeypatch.setattr(results, "code_fingerprint", lambda f=fingerprint: f)
        caches.append(results.ResultsCache(cache / "results"))
        caches[-1].put("ab" * 32, [], [])
    assert caches[0].dir != caches[1].dir and all(c.get("ab" * 32) == ([], []) for c in caches)
    with pytest.raises(ValueError):
        caches[0].get("../../escape")


def test_put_at_exit_writes_once(cache, monkeypatch):
    monkeypatch.setattr(store, "_pending", [])  # not the process's own pending saves
    s = Store("table", 1)
    values = iter(["first", "second"])
    s.put_at_exit(lambda: next(values))
    s.put_at_exit(lambda: "ignored: already registered")
    store._put_pending()
    store._put_pending()
    assert s.get() == "first"


def test_marshal_codec_rejects_what_it_cannot_store():
    with pytest.raises(ValueError):
        MARSHAL.encode(object())


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written to it."""

    def __init__(self, tty=True):
        self.tty, self.parts = tty, []

    def isatty(self):
        return self.tty

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


def _slow_build(stderr, wait_for_notice):
    """A build that waits until the notice is written (or, not waiting for it, long enough that a timer due at 0 s fires)."""

    def build():
        if not wait_for_notice:
            time.sleep(0.2)
        deadline = time.monotonic() + 10
        while wait_for_notice and not stderr.parts and time.monotonic() < deadline:
            time.sleep(0.01)
        return ("built",)

    return build


@pytest.mark.parametrize("tty", [True, False])
def test_a_slow_build_says_so_once_on_a_terminal_only(cache, monkeypatch, tty):
    err = _Terminal(tty)
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(store, "NOTICE_AFTER", 0.0)
    monkeypatch.setattr(store, "notices", True)
    monkeypatch.setattr(store, "_noticed", store.threading.Event())
    assert get_or_build("slow", 1, _slow_build(err, wait_for_notice=tty)) == ("built",)
    assert get_or_build("slower", 1, _slow_build(err, wait_for_notice=False)) == ("built",)
    text = "".join(err.parts)
    if tty:
        assert text.count("\n") == 1 and "preparing its slow data once" in text, text
    else:
        assert text == ""


def test_no_notice_with_notices_off_or_a_quick_build(cache, monkeypatch):
    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(store, "_noticed", store.threading.Event())
    monkeypatch.setattr(store, "notices", False)
    monkeypatch.setattr(store, "NOTICE_AFTER", 0.0)
    get_or_build("quiet", 1, lambda: 1)
    monkeypatch.setattr(store, "notices", True)
    monkeypatch.setattr(store, "NOTICE_AFTER", 60.0)
    get_or_build("quick", 1, lambda: 1)  # built long before the notice is due: the timer is cancelled
    time.sleep(0.05)
    assert err.parts == []
