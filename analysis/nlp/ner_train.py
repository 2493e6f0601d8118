"""Train the Indonesian named-entity component (``make model``).

Reads a CoNLL/IOB file (token first, tag last, a blank line between sentences: the format of
idner-news-2k ``train.txt``), keeps every 10th sentence aside to pick the best checkpoint,
trains ``data/models/id_ner.cfg`` with spaCy's own ``spacy train`` machinery (CPU, the config's
fixed seed) and writes the best pipeline to ``data/models/id_ner/``. Nothing is downloaded;
the evaluation split (idner dev) is never read here.

    python -m analysis.nlp.ner_train ../shared/corpora/idner-news-2k/train.txt
"""
from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from pathlib import Path

from ..paths import DATA

CONFIG = DATA / "models" / "id_ner.cfg"
MODEL = DATA / "models" / "id_ner"
HOLD_OUT_EVERY = 10  # every 10th training sentence picks the checkpoint
LABELS = {"PER", "ORG", "LOC"}
SHIPPED = ("config.cfg", "meta.json")  # with ner/: what analysis.nlp.pipeline reads


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as ``[(token, IOB tag)]``; tags outside PER/ORG/LOC become ``O``."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
            current = []
            continue
        tag = parts[-1] if len(parts) > 1 else "O"
        current.append((parts[0], tag if tag[2:] in LABELS else "O"))
    if current:
        sentences.append(current)
    return sentences


def repair(tags: list[str]) -> list[str]:
    """IOB with a stray ``I-`` (no ``B-`` before it, or after another type) made a ``B-``."""
    out = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB tags -> ``(first token, end token, type)``."""
    out: list[list] = []
    for i, tag in enumerate(repair(tags)):
        if tag.startswith("B-"):
            out.append([i, i + 1, tag[2:]])
        elif tag.startswith("I-"):
            out[-1][1] = i + 1
    return [tuple(span) for span in out]


def retokenised(nlp, sentence: list[tuple[str, str]]):
    """The sentence as the project's news tokenizer splits it (``Al-Qaeda`` is three tokens
    there, as it will be when the model tags an article), entities carried over by character
    offsets."""
    words = [w for w, _ in sentence]
    starts, text = [], ""
    for word in words:
        starts.append(len(text))
        text += word + " "
    doc = nlp.make_doc(text.rstrip())
    ents = []
    for first, end, label in spans([t for _, t in sentence]):
        span = doc.char_span(starts[first], starts[end - 1] + len(words[end - 1]), label=label, alignment_mode="expand")
        if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
            ents.append(span)
    doc.ents = ents
    return doc


def to_docbin(sentences: list[list[tuple[str, str]]], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    from . import tokenizer  # noqa: F401  (registers the news tokenizer)

    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "press_analysis.news_tokenizer.v1"}}})
    docs = DocBin()
    for sentence in sentences:
        docs.add(retokenised(nlp, sentence))
    docs.to_disk(path)


def train(conll: Path, out: Path = MODEL, config: Path = CONFIG) -> float:
    """Train and write the model to ``out``; return the training time in seconds."""
    from spacy.cli.train import train as spacy_train

    sentences = read_conll(conll)
    kept = [s for i, s in enumerate(sentences) if i % HOLD_OUT_EVERY != HOLD_OUT_EVERY - 1]
    held = [s for i, s in enumerate(sentences) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        to_docbin(kept, work / "train.spacy")
        to_docbin(held, work / "valid.spacy")
        spacy_train(config, work / "output", overrides={"paths.train": str(work / "train.spacy"),
                                                         "paths.dev": str(work / "valid.spacy")})
        if out.exists():
            shutil.rmtree(out)
        best = work / "output" / "model-best"
        shutil.copytree(best / "ner", out / "ner")  # the component only: the pipeline adds it to its own
        for name in SHIPPED:
            shutil.copy2(best / name, out / name)
        config_text = (out / "config.cfg").read_text(encoding="utf-8")  # no temporary paths: same bytes every run
        (out / "config.cfg").write_text(re.sub(r'(?m)^(train|dev) = "[^"]*"$', r"\1 = null", config_text), encoding="utf-8")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("conll", type=Path, help="CoNLL/IOB training file (idner-news-2k train.txt)")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args()
    seconds = train(args.conll, args.out)
    print(f"trained {args.out} in {seconds:.0f} s")


if __name__ == "__main__":
    main()
