"""The ``storyline`` command line: parse, call the library, print. No logic lives here."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from .errors import StorylineError


class _Group(click.Group):
    """Turns :class:`StorylineError` into one clean line and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            click.echo(f"storyline: error: {exc}", err=True)
            sys.exit(1)


def _lib(module: str):
    return importlib.import_module(f"storyline.{module}")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def main():
    """Turn news articles about one story into a sourced dossier."""


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder (created): the DuckDB store and the exports go here.")
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="CSV or JSONL manifest with title, outlet, url and published per file.")
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A storyline.cfg settings file (overrides the packaged defaults).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override one setting.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes that annotate (default: one per core; 1: this process only).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(articles, out, manifest, config, overrides, workers, quiet):
    """Build a dossier from ARTICLES (files, folders, globs, URLs of articles, feeds and sitemaps) into --out."""
    pipeline = _lib("pipeline")
    overrides = (*overrides, f"workers={workers}") if workers is not None else overrides
    settings = _lib("settings").resolve(config, overrides)
    result = pipeline.build(list(articles), out=out, manifest=manifest, settings=settings, progress=not quiet)
    _report(pipeline, result)
    sys.exit(0 if result.dossier.documents else 2)


def _report(pipeline, result) -> None:
    for line in pipeline.problem_report(result):
        click.echo(line, err=True)
    click.echo(pipeline.summary_line(result))
    if not result.dossier.documents:
        click.echo("storyline: error: nothing could be built from these inputs (see the problems above)", err=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("articles", nargs=-1, required=True)
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Manifest for the new articles.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def add(out, articles, manifest, quiet):
    """Add ARTICLES (files, folders, globs, URLs of articles, feeds and sitemaps) to the dossier in OUT; only
    new articles are processed, with the settings the dossier was built with (fetching too)."""
    pipeline = _lib("pipeline")
    result = pipeline.add(out, list(articles), manifest=manifest, progress=not quiet)
    _report(pipeline, result)
    sys.exit(0 if result.dossier.documents else 2)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The dossier's folder (built at the first poll when it has none yet).")
@click.option("--interval", type=click.FloatRange(min=1), default=900, show_default=True,
              help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A storyline.cfg settings file (overrides the packaged defaults).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override one setting.")
def watch(feeds, out, interval, once, config, overrides):
    """Poll FEEDS (RSS/Atom feed or sitemap URLs) and add their new articles to the dossier in --out."""
    pipeline = _lib("pipeline")
    settings = _lib("settings").resolve(config, overrides)
    pipeline.watch(list(feeds), out, settings=settings, interval=interval, once=once,
                   report=lambda poll: click.echo(pipeline.poll_line(poll)))


@main.command()
@click.argument("out", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--limit", type=int, default=0,
              help="Show at most this many events, the best ranked, in date order (0: all).")
@click.option("--all", "all_events", is_flag=True,
              help="The full register of events (dated, then reported without a date of their own), not only "
                   "the key events.")
@click.option("--summary", is_flag=True,
              help="Instead of the events: the most important days, each summarized by sentences from the articles.")
@click.option("--dates", "l", type=click.IntRange(min=1), default=10, show_default=True,
              help="With --summary: how many days.")
@click.option("--per-date", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --summary: sentences per day.")
@click.option("--keyword", "keywords", multiple=True, help="With --summary: focus on sentences holding one (repeatable).")
@click.option("--entity", help="With --summary: focus on one entity of the dossier (its name, id or an alias).")
@click.option("--json", "as_json", is_flag=True, help="With --summary: print JSON instead of a table.")
def timeline(out, limit, all_events, summary, l, k, keywords, entity, as_json):
    """Print the timeline of the dossier in OUT: its key events, in date order."""
    from rich.console import Console

    export = _lib("export")
    if not summary:
        Console().print(export.timeline_table(export.load(out), limit=limit, all_events=all_events))
        return
    entries = _lib("tls.dossier").summarize_dossier(out, l, k, keywords=keywords, entity=entity)
    if as_json:
        click.echo(export.summary_json(entries))
    else:
        Console().print(export.summary_table(export.load(out), entries))


@main.command()
@click.argument("out", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "md", "dossier-md", "html", "timelinejs", "tilse", "coverage",
                                                   "csv", "ftm", "gexf", "graphml", "annotations"]),
              default="json", show_default=True,
              help="dossier.json, timeline.md, dossier.md (the whole dossier in Markdown), report.html, TimelineJS "
                   "JSON, tilse text, coverage.csv (key events by independent sources), csv (one CSV per "
                   "collection and a zip of them), ftm (FollowTheMoney entities), gexf / graphml (the entity "
                   "graph for Gephi, networkx) or annotations (W3C Web Annotation JSON-LD of every evidence span).")
@click.option("--to", "dest", type=click.Path(path_type=Path), help="Write here instead of OUT.")
def export(out, fmt, dest):
    """Export the dossier in OUT."""
    export_mod = _lib("export")
    dossier = export_mod.load(out)
    path = export_mod.write(dossier, fmt, dest or out)
    click.echo(str(path))
    for said in export_mod.notes(dossier, fmt):
        click.echo(f"storyline: note: {said}", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--dct", type=click.DateTime(formats=["%Y-%m-%d"]), help="Document creation time (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["timeml", "json"]), default="timeml", show_default=True,
              help="TimeML with TIMEX3 tags, or JSON records.")
def annotate(file, dct, fmt):
    """Tag the time expressions of FILE (plain text) relative to --dct."""
    timex = _lib("annotate.timex")
    text = file.read_text(encoding="utf-8")
    anchor = dct.date() if dct else None
    click.echo(timex.render(text, anchor, fmt), nl=False)


@main.group(name="eval")
def eval_group():
    """Score storyline on the public benchmarks, beside the published numbers."""


def _eval_command(name: str, help_text: str, default_bench: str, routes: dict[str, str] | None = None):
    """An ``eval`` sub-command; ``routes``: route name -> evaluation module (the first is the default)."""
    routes = routes or {"method": name}

    @click.option("--data", type=click.Path(file_okay=False, exists=True, path_type=Path),
                  help=f"Benchmark folder (default: shared/benchmarks/{default_bench}).")
    @click.option("--json", "as_json", type=click.Path(dir_okay=False, path_type=Path),
                  help="Also write the scores to this JSON file.")
    @click.option("--limit", type=int, default=0, help="Score only the first N items (0: all), for quick checks.")
    @click.option("--route", type=click.Choice(list(routes)), default=next(iter(routes)), show_default=True,
                  hidden=len(routes) == 1, help="What is scored: " + ", ".join(routes) + ".")
    def command(data, as_json, limit, route):
        mod = _lib(f"evaluate.{routes[route]}")
        result = mod.run(data, limit=limit)
        click.echo(mod.report(result))
        if as_json:
            import json

            as_json.write_text(json.dumps(result, indent=2, default=str))

    command.__doc__ = help_text
    return eval_group.command(name=name)(command)


_eval_command("timex", "TempEval-3 platinum: TIMEX3 span P/R/F1 and value F1 (--route te3); --route esc: the\n"
              "EventStoryLine TIME_DATE values (news with background dates), with the narrative subset; --route\n"
              "narrative: the project's own gold of Timeline17 articles that tell history.", "tempeval3",
              routes={"te3": "timex", "esc": "timex_esc", "narrative": "timex_narrative"})
_eval_command("quantities", "NewsQuant (CQE): value, value+unit, value+change F1.", "newsquant-cqe")
_eval_command("coref", "ECB+ cross-document coreference: MUC, B3, CEAF-e, CoNLL F1 of events (--route events) or of\n"
              "entities (--route entities: storyline's alias rules on the gold entity mentions), beside the\n"
              "same-lemma baseline.", "ecbplus", routes={"events": "coref", "entities": "coref_entities"})
_eval_command("tls", "Timeline17: alignment ROUGE-1/2 F1 and Date-F1 (news-tls protocol). --route method scores the\n"
              "summarizer on the benchmark's sentences; --route dossier builds each topic with storyline build and\n"
              "scores the timeline the dossier shows; --route news-tls-input scores the method on the original files and\n"
              "on the smaller input the published systems used, side by side.", "timeline17",
              routes={"method": "tls", "dossier": "tls_dossier", "news-tls-input": "tls_inputs"})


@eval_group.command(name="findings")
@click.argument("out", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--gold", default="msft-openai", show_default=True,
              help="Gold to judge by: msft-openai (the demo), h1n1 (Timeline17's three H1N1 outlets) or a JSON file.")
@click.option("--json", "as_json", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the scores and every judgement to this JSON file.")
def eval_findings(out, gold, as_json):
    """Judge the findings of the dossier built in OUT against a fact-checker's gold: precision,
    recall, the ledger's totals, and a verdict for every finding."""
    mod = _lib("evaluate.findings")
    result = mod.score(_lib("export.files").load(out), mod.load_gold(gold))
    click.echo(mod.report(result))
    if as_json:
        import json

        as_json.write_text(json.dumps(result, indent=2, default=str))


@main.group(name="correct")
def correct_group():
    """Correct the dossier in OUT: merge, split, rename, retype or reject entities, reject events and
    findings, list and undo. Corrections are kept in OUT/corrections.jsonl, apart from the built
    data, and re-applied by every later build and add."""


_OUT = click.argument("out", type=click.Path(file_okay=False, exists=True, path_type=Path))


def _corrected(result) -> None:
    c = result.correction
    click.echo(f"#{c.n} {_lib('reconcile.corrections').describe(c)}: {result.status}"
               + (f" ({result.detail})" if result.detail else ""))
    click.echo(f"{len(result.dossier.entities)} entities, {len(result.dossier.events)} events, "
               f"{len(result.dossier.findings)} findings")
    if result.status != "applied":
        sys.exit(1)


@correct_group.command(name="merge")
@_OUT
@click.argument("entity")
@click.argument("others", nargs=-1, required=True)
def correct_merge(out, entity, others):
    """Fold OTHERS (ids, names or aliases) into ENTITY: one entity, ENTITY's name."""
    _corrected(_lib("pipeline").correct(out, "merge", "entity", entity, others=others))


@correct_group.command(name="split")
@_OUT
@click.argument("entity")
@click.argument("form")
def correct_split(out, entity, form):
    """Take the mentions of ENTITY written FORM (an alias) out into an entity of their own."""
    _corrected(_lib("pipeline").correct(out, "split", "entity", entity, form))


@correct_group.command(name="rename")
@_OUT
@click.argument("entity")
@click.argument("name")
def correct_rename(out, entity, name):
    """Give ENTITY the name NAME (its old name stays an alias)."""
    _corrected(_lib("pipeline").correct(out, "rename", "entity", entity, name))


@correct_group.command(name="retype")
@_OUT
@click.argument("entity")
@click.argument("type_", metavar="TYPE")
def correct_retype(out, entity, type_):
    """Give ENTITY the type TYPE (PERSON, ORG, GPE, PRODUCT, ...)."""
    _corrected(_lib("pipeline").correct(out, "retype", "entity", entity, type_))


@correct_group.command(name="reject")
@_OUT
@click.argument("ref")
@click.option("--event", "kind", flag_value="event", help="REF is an event (its id or words of its headline).")
@click.option("--finding", "kind", flag_value="finding", help="REF is a finding (its id or words of its summary).")
def correct_reject(out, ref, kind):
    """Reject the entity REF (or with --event / --finding an event or a finding): it leaves the dossier."""
    _corrected(_lib("pipeline").correct(out, "reject", kind or "entity", ref))


@correct_group.command(name="undo")
@_OUT
@click.argument("number", type=int, required=False)
def correct_undo(out, number):
    """Undo correction NUMBER (default: the last one in force)."""
    _corrected(_lib("pipeline").correct(out, "undo", "", undo=number))


@correct_group.command(name="list")
@_OUT
def correct_list(out):
    """List the corrections of OUT, with what each did in the last build."""
    mod = _lib("reconcile.corrections")
    corrections, problems = _lib("store").read_corrections(out)
    outcomes = _lib("export").load(out).meta.get("corrections", [])
    for line in mod.listing(corrections, outcomes):
        click.echo(line)
    for p in problems:
        click.echo(f"warning: {p}", err=True)


@eval_group.command(name="aliases")
@click.argument("out", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--gold", default="msft-openai", show_default=True,
              help="Gold to judge by: msft-openai (the demo), mj or egypt (Timeline17 topics) or a JSON file.")
@click.option("--json", "as_json", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the scores and every form's entity to this JSON file.")
def eval_aliases(out, gold, as_json):
    """Judge the entities of the dossier built in OUT against a reader's alias gold: merge precision
    and recall over the story's 30 commonest name forms, terms made entities, types."""
    mod = _lib("evaluate.aliases")
    result = mod.evaluate(out, mod.load_gold(gold))
    click.echo(mod.report(result))
    if as_json:
        import json

        as_json.write_text(json.dumps(result, indent=2, default=str))


@main.command()
@click.argument("dirs", nargs=-1, required=True, type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind (local only by default; any other prints a warning: no login).")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this Host name (a reverse proxy's); repeatable.")
def serve(dirs, host, port, allow_hosts):
    """Explore one or more dossiers (DIRS) in the browser.

    \b
    Requests must name the server as 127.0.0.1, localhost, [::1], the --host value or an
    --allow-host NAME (port or not): any other Host gets 400 (DNS-rebinding defence).
    A folder rebuilt while served (build, add, correct) is served rebuilt on the next request.
    Idle connections close after 5 s; request heads over 16 KB are refused.
    """
    try:
        web = _lib("web.app")
    except ImportError as exc:
        from .errors import MissingExtraError

        raise MissingExtraError("web", exc.name or "fastapi") from exc
    web.serve(list(dirs), host=host, port=port, allow_hosts=allow_hosts)


if __name__ == "__main__":  # pragma: no cover
    main()
