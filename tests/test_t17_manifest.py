"""scripts/t17_manifest.py: the outlet of each Timeline17 folder, for a multi-outlet build."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "t17_manifest.py"


def test_each_article_gets_its_folders_outlet_as_a_path_suffix(tmp_path):
    spec = importlib.util.spec_from_file_location("t17_manifest", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for folder, day in (("H1N1_bbc", "2009-04-25"), ("H1N1_guardian", "2009-04-26")):
        (tmp_path / folder / "InputDocs" / day).mkdir(parents=True)
        (tmp_path / folder / "InputDocs" / day / "1.htm.txt").write_text("x")
    out = tmp_path / "m.csv"
    assert mod.main([str(out), str(tmp_path / "H1N1_bbc"), str(tmp_path / "H1N1_guardian")]) == 0
    rows = list(csv.DictReader(out.open()))
    assert rows == [{"file": "H1N1_bbc/InputDocs/2009-04-25/1.htm.txt", "outlet": "BBC"},
                    {"file": "H1N1_guardian/InputDocs/2009-04-26/1.htm.txt", "outlet": "The Guardian"}]
