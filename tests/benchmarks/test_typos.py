"""The typing-slip generator the robustness benchmark uses (benchmarks/typos.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import typos  # noqa: E402

QUESTION = "Is it too late to become a project manager at 50? I've read conflicting advice."


def test_the_same_seed_gives_the_same_slips_and_another_seed_others():
    assert typos.slipped(QUESTION, seed=3) == typos.slipped(QUESTION, seed=3)
    others = {typos.slipped(QUESTION, seed=seed) for seed in range(20)}
    assert len(others) > 10


def test_the_text_is_lower_case_without_punctuation():
    text = typos.slipped(QUESTION, slips=0)
    assert text == "is it too late to become a project manager at 50 ive read conflicting advice"
    assert text == typos.slipped(QUESTION, slips=0, seed=9)


@pytest.mark.parametrize("seed", range(30))
def test_two_slips_each_change_one_long_word_or_join_two(seed):
    plain = typos.typed_plainly(QUESTION).split()
    text, made = typos.slips_made(QUESTION, slips=2, seed=seed)
    assert len(made) == 2
    for slip in made:
        assert slip.kind in typos.KINDS
        assert slip.after in text.split()
        if slip.kind == "join":
            assert slip.after == slip.before.replace(" ", "")
        else:
            assert slip.before in plain and len(slip.before) >= 4 and slip.after != slip.before
    # Each slip is in its own word.
    assert len({slip.before for slip in made}) == 2


def test_each_kind_of_slip_is_what_it_says():
    seen = {}
    for seed in range(200):
        for slip in typos.slips_made(QUESTION, slips=2, seed=seed)[1]:
            seen.setdefault(slip.kind, slip)
    assert set(seen) == set(typos.KINDS)
    before, after = seen["drop"].before, seen["drop"].after
    assert len(after) == len(before) - 1 and any(
        before[:i] + before[i + 1 :] == after for i in range(len(before))
    )
    before, after = seen["double"].before, seen["double"].after
    assert any(before[: i + 1] + before[i:] == after for i in range(len(before)))
    before, after = seen["swap"].before, seen["swap"].after
    assert sorted(before) == sorted(after)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 2
    before, after = seen["neighbour"].before, seen["neighbour"].after
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1] in typos.NEIGHBOURS[changed[0][0]]


def test_neighbours_are_the_keys_around_each_letter():
    assert set(typos.NEIGHBOURS["s"]) == set("weadzx")
    assert set(typos.NEIGHBOURS["q"]) == set("wa")
    assert set(typos.NEIGHBOURS["m"]) == set("njk")
    assert all(
        letter in typos.NEIGHBOURS[other] for letter in "asdf" for other in typos.NEIGHBOURS[letter]
    )


def test_short_questions_take_what_slips_they_can():
    assert typos.slips_made("", slips=2)[0] == ""
    text, made = typos.slips_made("Why?", slips=2)
    assert (text, made) == ("why", [])
    text, made = typos.slips_made("go on", slips=3)
    assert text == "goon" and [slip.kind for slip in made] == ["join"]
