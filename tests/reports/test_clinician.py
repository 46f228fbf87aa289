"""The clinician report: the context, the HTML page, and the PDF read back as text and images."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from backstride.errors import UserError
from backstride.reports.clinician import render_html, report_format, write_report

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshots" / "clinician-report.png"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) not installed",
)


def test_the_context_holds_every_section_as_plain_data(context: dict[str, Any]) -> None:
    assert context["triage"]["level"]
    assert context["ruled_out"], "answered red-flag questions are listed as ruled out"
    names = [i["id"] for i in context["instruments"]]
    assert names == ["startback", "oswestry", "rmdq", "pain"]
    verdicts = {i["id"]: i["trend"]["verdict"] for i in context["instruments"]}
    assert verdicts == {
        "startback": "risk lower",
        "oswestry": "meaningful improvement",
        "rmdq": "meaningful improvement",
        "pain": "meaningful improvement",
    }
    assert context["load"]["chart_png"].startswith(b"\x89PNG")
    assert any("Ostelo" in s["short"] for s in context["sources"])


def test_the_html_report_has_each_section_and_embeds_the_chart(context: dict[str, Any]) -> None:
    html = render_html(context)
    for heading in (
        "Assessment",
        "Red flags",
        "Instrument scores over time",
        "Training load against pain",
        "Plan",
        "Sources",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Screened and ruled out:" in html
    assert 'src="data:image/png;base64,' in html
    assert "copyright (©2007)" in html  # Keele's statement travels with STarT Back scores
    assert "Stop and seek help if leg weakness appears." in html  # the plan hook
    assert context["disclaimer"] in html


def test_html_escapes_what_it_is_given(context: dict[str, Any]) -> None:
    html = render_html({**context, "athlete": "<script>x</script>"})
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_only_html_and_pdf_are_allowed() -> None:
    with pytest.raises(UserError, match=r"--out: 'r\.docx' has suffix '\.docx'"):
        report_format(Path("r.docx"))


@needs_poppler
def test_the_pdf_renders_to_page_images_and_reads_back_as_text(
    context: dict[str, Any], tmp_path: Path
) -> None:
    pdf = write_report(tmp_path / "report.pdf", context)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "backstride clinician report",
        "Red flags",
        "Screened and ruled out",
        "Keele STarT Back Screening Tool",
        "Oswestry Disability Index",
        "Roland-Morris Disability Questionnaire",
        "meaningful improvement",
        "Training load against pain",
        "Exercise programme",
        "Ostelo et al. 2008",
        context["triage"]["action"],
    ):
        assert expected in flat, expected
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    for page in pages:
        assert page.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 5_000
    assert SCREENSHOT.exists(), "docs/screenshots/clinician-report.png is committed"
