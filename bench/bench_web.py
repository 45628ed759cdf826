"""Speed of /timeline.json for 10,000 synthetic events, against the standard json module.

Prints, measured in the same run (best of N):
  build   - DossierData.timeline(): the filtered, shaped view the route returns
  encode  - storyline.web.data.dumps() of that view (orjson when installed)
  server  - build + encode: the server's work for one request
  http    - a full GET /timeline.json through Starlette's TestClient (adds ASGI + client overhead)
  filtered - build + encode with a type filter (lookup maps recomputed for the subset)
  stdlib  - json.dumps() of the same view (the reference)
and the ratios server/stdlib and encode/stdlib.

Run: .venv/bin/python bench/bench_web.py [--events 10000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from storyline.records import to_jsonable  # noqa: E402
from storyline.web import data as wd  # noqa: E402
from storyline.web.app import create_app  # noqa: E402
from web_fixtures import synthetic_dossier  # noqa: E402


def best(fn, repeat: int) -> tuple[float, object]:
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "big"
        folder.mkdir()
        (folder / "dossier.json").write_text(json.dumps(to_jsonable(synthetic_dossier(args.events))))
        t0 = time.perf_counter()
        app = create_app([folder])
        startup = time.perf_counter() - t0
        dossier = app.state.library.get(None)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from fastapi.testclient import TestClient
        client = TestClient(app)

        t_build, view = best(dossier.timeline, args.repeat)
        t_encode, body = best(lambda: wd.dumps(view), args.repeat)
        t_server, _ = best(lambda: wd.dumps(dossier.timeline()), args.repeat)
        t_http, resp = best(lambda: client.get("/timeline.json"), args.repeat)
        t_filtered, _ = best(lambda: wd.dumps(dossier.timeline(type="funding")), args.repeat)
        t_std, std = best(lambda: json.dumps(view, ensure_ascii=False).encode("utf-8"), args.repeat)
        assert resp.status_code == 200 and resp.content == body
        assert json.loads(std) == json.loads(body)

    ms = lambda s: f"{s * 1000:8.1f} ms"  # noqa: E731
    print(f"/timeline.json, {args.events:,} events, {len(body) / 1e6:.1f} MB, best of {args.repeat}")
    print(f"  startup (load + search index) {ms(startup)}")
    print(f"  build   (view)                {ms(t_build)}")
    print(f"  encode  (web.data.dumps)      {ms(t_encode)}")
    print(f"  server  (build + encode)      {ms(t_server)}")
    print(f"  http    (TestClient GET)      {ms(t_http)}")
    print(f"  server, filtered ?type=funding {ms(t_filtered)}")
    print(f"  stdlib  json.dumps(view)      {ms(t_std)}")
    print(f"  ratio server / stdlib json.dumps: {t_server / t_std:.2f}")
    print(f"  ratio encode / stdlib json.dumps: {t_encode / t_std:.2f}")
    print(f"  server time under 200 ms: {'yes' if t_server < 0.2 else 'NO'}")


if __name__ == "__main__":
    main()
