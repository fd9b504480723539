"""What the benchmarks' labelled sets share: label files, the sha256 check of the labelled text, the hash split."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newstrace.bench.labels import hash_split, labelled_file_text, read_label_lines, source_sha256


def test_hash_split_is_the_fixed_sha1_rule_of_every_split() -> None:
    keys = [f"gwn:{i}" for i in range(300)] + ["UW0067", "é-ключ"]
    for k in keys:
        h = int(hashlib.sha1(k.encode("utf-8")).hexdigest()[:8], 16)
        assert hash_split(k, "dev", "held-out", share=70) == ("dev" if h % 100 < 70 else "held-out")
        assert hash_split(k, "test", "train", share=3, of=10) == ("test" if h % 10 < 3 else "train")
    parts = [hash_split(k, "test", "train", share=30) for k in keys]
    assert 0.2 < parts.count("test") / len(parts) < 0.4


def test_label_lines_skip_blank_lines(tmp_path: Path) -> None:
    f = tmp_path / "labels.jsonl"
    f.write_text('{"kind": "document", "n": 1}\n\n   \n{"kind": "mention", "n": 2}\n', encoding="utf-8")
    assert read_label_lines(f) == [{"kind": "document", "n": 1}, {"kind": "mention", "n": 2}]


def test_labelled_text_is_checked_against_its_sha256(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_bytes("Київ, 24 лютого.\r\n".encode())
    sha = source_sha256("Київ, 24 лютого.\r\n".encode())  # of the bytes: a CRLF file keeps its CR
    assert labelled_file_text(tmp_path, "corpus", "a.txt", sha) == "Київ, 24 лютого.\r\n"
    assert source_sha256("Київ") == hashlib.sha256("Київ".encode()).hexdigest()
    with pytest.raises(ValueError, match="changed since it was labelled"):
        labelled_file_text(tmp_path, "corpus", "a.txt", "0" * 64)
