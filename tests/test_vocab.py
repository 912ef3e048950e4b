"""`stylecheck vocab` (issue 3): learn a desk's names from an archive, and use the file."""
from __future__ import annotations


from stylecheck.cli import main
from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.packs import PackError
from stylecheck.source import Source
from stylecheck.vocab import learn, read_vocab, render

import pytest

ARCHIVE = {
    "a.txt": "The council leader, Anna Kovacsne, met Szentendre officials. Later Kovacsne said the plan would go ahead.",
    "b.md": "# Budget\n\nIn Szentendre, Kovacsne and the mayor of Szentendre agreed a budget.",
    "c.txt": "Officials from Szentendre said Kovacsne would visit. A Kovacsne aide confirmed it.",
    "d.txt": "Reporters asked Kovacsnee about the plan.",
}


def write_archive(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    for name, text in ARCHIVE.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_learn_keeps_names_used_consistently(tmp_path):
    root = write_archive(tmp_path)
    names, prefer = learn(sorted(root.iterdir()))
    assert "Kovacsne" in names and "Szentendre" in names
    assert "Kovacsnee" not in names  # once, in one file
    assert "Officials" not in names and "Reporters" not in names  # sentence starts


def test_learn_turns_rare_variants_into_preferences(tmp_path):
    root = tmp_path / "a"
    root.mkdir()
    for i in range(5):
        (root / f"{i}.txt").write_text("Talks with Zelenskyy went on. Aides said Zelenskyy would travel.\n")
    (root / "x.txt").write_text("Aides said Zelensky would travel. Later Zelensky left.\n")
    (root / "y.txt").write_text("Aides said Zelensky agreed.\n")
    names, prefer = learn(sorted(root.iterdir()))
    assert "Zelenskyy" in names and prefer == {"Zelensky": "Zelenskyy"}


def test_cli_writes_a_file_that_reads_back(tmp_path, capsys):
    root = write_archive(tmp_path)
    out = tmp_path / "vocab.toml"
    assert main(["vocab", "learn", str(root), "-o", str(out)]) == 0
    assert {"Kovacsne", "Szentendre"} <= read_vocab(out)


def test_cli_documents_the_format(capsys):
    assert main(["vocab"]) == 0
    text = capsys.readouterr().out
    assert "[vocab]" in text and "names" in text and "prefer" in text


def test_cli_missing_directory_is_an_error(tmp_path, capsys):
    assert main(["vocab", "learn", str(tmp_path / "nope")]) == 2


def test_bad_vocab_file_is_an_error(tmp_path):
    bad = tmp_path / "v.toml"
    bad.write_text("[vocab]\nnames = [1, 2]\n")
    with pytest.raises(PackError):
        read_vocab(bad)


def test_vocab_option_teaches_the_names_rule(tmp_path):
    vocab = tmp_path / "vocab.toml"
    vocab.write_text(render(["Frnace"], {}), encoding="utf-8")
    text = "Trade talks with Frnace resumed."
    base = Settings(select=("NM101",))
    assert [f.text for f in Linter(base).run(Source("<t>", text), "text").findings_or_raise()] == ["Frnace"]
    taught = base._replace(root=str(tmp_path), rule_options=(("NM101", (("vocab", "vocab.toml"),)),))
    assert Linter(taught).run(Source("<t>", text), "text").findings_or_raise() == []


def test_house_form_from_config_beats_the_article_majority():
    text = "Zelensky spoke. Zelensky left. Aides to Zelenskyy agreed."
    base = Settings(select=("NM102",))
    plain = [(f.text, f.suggestions) for f in Linter(base).run(Source("<t>", text), "text").findings_or_raise()]
    assert plain == [("Zelenskyy", ("Zelensky",))]
    house = base._replace(prefer=(("Zelensky", "Zelenskyy"),))
    found = [(f.text, f.suggestions) for f in Linter(house).run(Source("<t>", text), "text").findings_or_raise()]
    assert found == [("Zelensky", ("Zelenskyy",)), ("Zelensky", ("Zelenskyy",))]


def test_house_form_from_vocab_file(tmp_path):
    (tmp_path / "vocab.toml").write_text(render(["Zelenskyy"], {"Zelensky": "Zelenskyy"}), encoding="utf-8")
    text = "Zelensky spoke on Monday."
    s = Settings(select=("NM102",), root=str(tmp_path), rule_options=(("NM102", (("vocab", "vocab.toml"),)),))
    assert [f.suggestions for f in Linter(s).run(Source("<t>", text), "text").findings_or_raise()] == [("Zelenskyy",)]


def test_learn_prefers_the_house_form_over_a_variant_used_once(tmp_path):
    root = tmp_path / "a"
    root.mkdir()
    for i in range(6):
        (root / f"{i}.txt").write_text("Talks with Zelenskyy went on. Aides said Zelenskyy would travel.\n")
    (root / "x.txt").write_text("Aides said Zelensky would travel.\n")
    (root / "k.txt").write_text("Officials met Kowalczyk. Kowalczyk and Kowalczyk agreed, and Kowalcyzk left.\n")
    (root / "l.txt").write_text("Later Kowalczyk spoke.\n")
    names, prefer = learn(sorted(root.iterdir()))
    assert prefer == {"Zelensky": "Zelenskyy", "Kowalcyzk": "Kowalczyk"}
    assert "Zelensky" not in names and "Kowalczyk" in names


def test_a_near_miss_of_a_vocabulary_name_is_a_slip(tmp_path):
    vocab = tmp_path / "vocab.toml"
    vocab.write_text(render(["Kowalczyk"], {}), encoding="utf-8")
    text = "Marta Kowalcyzk won the vote. Later Kowalcyzk thanked her staff."
    taught = Settings(select=("NM101",), root=str(tmp_path), rule_options=(("NM101", (("vocab", "vocab.toml"),)),))
    found = Linter(taught).run(Source("<t>", text), "text").findings_or_raise()
    assert [(f.text, f.suggestions) for f in found] == [("Kowalcyzk", ("Kowalczyk",))] * 2
    assert all(f.applicability == "unsafe" for f in found)
