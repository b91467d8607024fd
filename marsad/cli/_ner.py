"""The NER commands: `marsad ner`, `marsad eval ner`, `marsad train ner`.

    marsad ner --conll test.txt > tagged.txt        append the predicted tag to each line
    marsad eval ner --conll test.txt --labels anercorp
    marsad train ner --datasets ../shared/datasets --install

They live here and main.py only registers them (`ner`, the `eval` group, the `train`
group).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .._exceptions import MarsadError

_conll_option = click.option(
    "--conll", "conll", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CoNLL file: one token per line, the token first and the gold tag last, a blank line "
         "between sentences.")
_model_option = click.option(
    "--model", "model_path", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A trained NER pipeline folder (default: the model shipped with marsad).")


def _model(path: Path | None):
    from ..nlp.ner import NerModel

    try:
        return NerModel(path)
    except (MarsadError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("ner", short_help="Tag a CoNLL file with the trained entity recogniser.")
@_conll_option
@_model_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the tagged file here instead of standard output.")
def ner(conll: Path, model_path: Path | None, output: Path | None) -> None:
    """Write CONLL's lines with the predicted tag (B-/I- PER, ORG, LOC, FAC or O) appended as a
    new last column, so that any scorer can compare it with the gold column before it."""
    from ..nlp.tagging import tag_conll

    model = _model(model_path)
    if output is None:
        tag_conll(conll, sys.stdout, model)
        return
    with output.open("w", encoding="utf-8") as fh:
        n = tag_conll(conll, fh, model)
    click.echo(f"tagged {n} sentences -> {output}", err=True)


@click.group("eval", short_help="Score marsad's components on annotated data.")
def eval_group() -> None:
    """Score marsad's components on annotated data."""


@eval_group.command("ner", short_help="Entity-level precision, recall and F1 on a CoNLL file.")
@_conll_option
@_model_option
@click.option("--labels", default="generic", show_default=True,
              type=click.Choice(["anercorp", "generic", "newsfane", "wojood"]),
              help="The corpus label map that reads the gold tags (marsad/data/ner_labels.yaml): "
                   "types the map leaves out count as O.")
@click.option("--predicted", is_flag=True,
              help="Score the file's last column (a prediction, e.g. from `marsad ner`) against the "
                   "column before it, instead of running the model.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_ner(conll: Path, model_path: Path | None, labels: str, predicted: bool, as_json: bool) -> None:
    """Print precision, recall and F1 per label and their micro and macro averages. An entity
    counts only when its label and both its boundaries match a gold entity (seqeval's default)."""
    from ..nlp.tagging import evaluate_conll

    start = time.perf_counter()
    scores = evaluate_conll(conll, labels=labels, model=None if predicted else _model(model_path),
                            predicted_column=predicted)
    if as_json:
        click.echo(json.dumps(scores.as_dict(), indent=2))
        return
    click.echo(scores.table())
    click.echo(f"({time.perf_counter() - start:.1f} s)", err=True)


@click.group("train", short_help="Train marsad's statistical models.")
def train_group() -> None:
    """Train marsad's statistical models from the research corpora."""


@train_group.command("ner", short_help="Train the entity recogniser from ../shared/datasets.")
@click.option("--datasets", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/datasets"), show_default=True,
              help="Folder holding anercorp/, newsfane_gold/ and wojood_sample/.")
@click.option("--config", "config", default="hints", show_default=True, type=click.Choice(["base", "hints"]),
              help="base: hashed Arabic features only; hints: plus marsad's lexicon hints.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build/ner"),
              show_default=True, help="Working folder: training data, checkpoints, scores.json.")
@click.option("--max-steps", type=int, default=None,
              help="Stop after this many updates (default: the configuration's, about 20 epochs).")
@click.option("--newsfane/--no-newsfane", default=True, show_default=True,
              help="Train on NewsFANE Gold too (text shared with the ANERcorp test part is removed).")
@click.option("--wojood/--no-wojood", default=True, show_default=True, help="Train on the Wojood sample too.")
@click.option("--gazet-copies", type=int, default=1, show_default=True,
              help="Add this many copies of the ANERcorp training sentences with their entities replaced "
                   "by random ANERGazet names of the same label.")
@click.option("--install", is_flag=True, help="Copy the best model into marsad/nlp/model/ner afterwards.")
def train_ner(datasets: Path, config: str, output: Path, max_steps: int | None, newsfane: bool,
              wojood: bool, gazet_copies: int, install: bool) -> None:
    """Build the training data with marsad's tokenizer, train, and score the best model on the
    ANERcorp test part (CAMeL Lab recipe); the scores land in OUTPUT/scores.json."""
    from ..train.ner import install as install_model
    from ..train.ner import train

    missing = [p for p in ("anercorp", "newsfane_gold", "wojood_sample") if not (datasets / p).is_dir()]
    if missing:
        raise click.ClickException(f"{datasets}: missing {', '.join(missing)}; give --datasets")
    result = train(datasets, output, config, max_steps=max_steps, newsfane=newsfane, wojood=wojood,
                   gazet_copies=gazet_copies, log=lambda m: click.echo(m, err=True))
    click.echo(result["anercorp_test_table"])
    if install:
        target = install_model(output / "model-best")
        click.echo(f"installed {output / 'model-best'} -> {target}", err=True)


# `marsad eval places` (toponym resolution) lives with the gazetteer commands.
from ._gazetteer import eval_places  # noqa: E402

eval_group.add_command(eval_places)
