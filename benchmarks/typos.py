"""Typing slips, seeded: questions as a visitor on a phone might type them.

    python benchmarks/typos.py                      # examples from the demo's questions
    python benchmarks/typos.py --slips 3 --seed 7 "is it too late to become a project manager"

Other benchmarks import `slipped(question, slips=2, seed=...)`. The same question, number of
slips and seed always give the same text. The slips are the ones real typing makes:

- a key's neighbour on a QWERTY keyboard (the UK layout; its letter keys are the US ones)
  instead of the key ("projrct");
- a letter dropped ("becme"), doubled ("managger") or two neighbouring letters swapped
  ("porject");
- a missing space between two words ("projectmanager").

Letter slips go into words of four letters or more, each word slipped at most once. The text
is lower case with its punctuation dropped, as quick typing on a phone leaves it.
"""

import argparse
import random
import re
from dataclasses import dataclass

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# How far each row sits to the right of the one above, in keys.
ROW_OFFSETS = (0.0, 0.25, 0.75)
LETTER_SLIPS = ("neighbour", "drop", "double", "swap")
KINDS = (*LETTER_SLIPS, "join")
MIN_SLIPPED_LENGTH = 4


def _neighbours():
    """{letter: the letters whose keys touch it}: beside it in its row, or overlapping it in
    the row above or below."""
    places = {
        letter: (row, column + ROW_OFFSETS[row])
        for row, letters in enumerate(LETTER_ROWS)
        for column, letter in enumerate(letters)
    }
    return {
        letter: "".join(
            other
            for other, (other_row, other_x) in places.items()
            if other != letter
            and (
                (other_row == row and abs(other_x - x) == 1)
                or (abs(other_row - row) == 1 and abs(other_x - x) < 1)
            )
        )
        for letter, (row, x) in places.items()
    }


NEIGHBOURS = _neighbours()


@dataclass(frozen=True)
class Slip:
    kind: str
    before: str
    after: str


def typed_plainly(text):
    """Lower case, punctuation dropped, whitespace collapsed."""
    # An apostrophe is dropped, not turned into a space: "I've" is typed "ive".
    text = re.sub(r"['’]", "", text.lower())
    return " ".join("".join(char if char.isalnum() else " " for char in text).split())


def _slippable(word):
    return len(word) >= MIN_SLIPPED_LENGTH and word.isalpha() and word.isascii()


def _letter_slip(word, kind, rng):
    """`word` with one slip of `kind`, always different from `word`."""
    if kind == "neighbour":
        spots = [i for i, char in enumerate(word) if char in NEIGHBOURS]
        i = rng.choice(spots)
        return word[:i] + rng.choice(NEIGHBOURS[word[i]]) + word[i + 1 :]
    if kind == "drop":
        i = rng.randrange(len(word))
        return word[:i] + word[i + 1 :]
    if kind == "double":
        i = rng.randrange(len(word))
        return word[: i + 1] + word[i:]
    # swap: two neighbouring letters that differ, so the word changes.
    spots = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def slips_made(question, slips=2, seed=0):
    """(the slipped text, the slips made, in order). Fewer slips than asked are made only when
    the question has too few words to take them."""
    rng = random.Random(f"{seed}\x00{slips}\x00{question}")
    words = typed_plainly(question).split()
    touched = [False] * len(words)
    made = []
    for _ in range(slips):
        kinds = list(KINDS)
        rng.shuffle(kinds)
        for kind in kinds:
            if kind == "join":
                spots = [i for i in range(len(words) - 1) if not (touched[i] or touched[i + 1])]
            else:
                spots = [i for i, word in enumerate(words) if not touched[i] and _slippable(word)]
                if kind == "swap":
                    spots = [i for i in spots if len(set(words[i])) > 1]
            if not spots:
                continue
            i = rng.choice(spots)
            if kind == "join":
                before, after = f"{words[i]} {words[i + 1]}", words[i] + words[i + 1]
                words[i : i + 2] = [after]
                touched[i : i + 2] = [True]
            else:
                before = words[i]
                after = _letter_slip(before, kind, rng)
                words[i] = after
                touched[i] = True
            made.append(Slip(kind, before, after))
            break
    return " ".join(words), made


def slipped(question, slips=2, seed=0):
    """`question` as typed with `slips` slips, the same for the same seed."""
    return slips_made(question, slips, seed)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("question", nargs="*", help="a question (default: the demo's)")
    parser.add_argument("--slips", type=int, default=2, help="slips per question (default 2)")
    parser.add_argument("--seed", default="0", help="the seed (default 0)")
    parser.add_argument("--count", type=int, default=12, help="demo questions shown (default 12)")
    arguments = parser.parse_args()
    if arguments.slips < 0:
        parser.error("--slips cannot be negative")
    if arguments.question:
        questions = [" ".join(arguments.question)]
    else:
        from common import demo_questions

        questions = [q["query"] for q in demo_questions() if q["expected"]][: arguments.count]
    for question in questions:
        text, made = slips_made(question, arguments.slips, arguments.seed)
        print(question)
        print(f"  {text}")
        for slip in made:
            print(f"    {slip.kind}: {slip.before!r} -> {slip.after!r}")


if __name__ == "__main__":
    main()
