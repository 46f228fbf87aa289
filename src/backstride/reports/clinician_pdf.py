"""The clinician report as PDF, drawn with reportlab from `clinician.build_context` data.

Text is set in DejaVu Sans (the TrueType font matplotlib ships), so dashes, arrows and accents
print as they are. Nothing here decides what to say; it only lays out the context.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT = "BackstrideSans"
FONT_BOLD = "BackstrideSans-Bold"
_LEVEL_COLOURS = {
    "emergency": "#fdecec",
    "emergency_ambulance": "#fdecec",
    "consultation_24": "#fff4e5",
}


@cache
def _fonts() -> None:
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(ttf / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(ttf / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle(
            "small", parent=body, fontSize=7.5, leading=9.5, textColor="#555555"
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor="#1f3b63",
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
        ),
    }


def _p(text: object, style: str = "body") -> Paragraph:
    return Paragraph(escape(str(text)), _styles()[style])


def _bold(label: str, text: object, style: str = "body") -> Paragraph:
    return Paragraph(f"<b>{escape(label)}</b> {escape(str(text))}", _styles()[style])


def _bullets(items: list[Any]) -> ListFlowable:
    return ListFlowable(
        [ListItem(i if isinstance(i, Flowable) else _p(i), leftIndent=10) for i in items],
        bulletType="bullet",
        start="•",
        leftIndent=10,
        bulletFontName=FONT,
        bulletFontSize=8,
    )


def _table(header: list[str], rows: list[list[object]], widths: list[float]) -> Table:
    data = [[_p(h, "cell") for h in header]] + [[_p(c, "cell") for c in row] for row in rows]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _level_box(ctx: dict[str, Any]) -> Table:
    t = ctx["triage"]
    text = (
        f"<b>{escape(t['title'])}</b> (level {escape(t['level'])}, risk {escape(t['risk'])})"
        f"<br/>{escape(t['action'])}"
    )
    box = Table([[Paragraph(text, _styles()["body"])]], colWidths=[174 * mm])
    box.setStyle(
        TableStyle(
            [
                (
                    "BACKGROUND",
                    (0, 0),
                    (-1, -1),
                    colors.HexColor(_LEVEL_COLOURS.get(t["level"], "#eef4fb")),
                ),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _story(ctx: dict[str, Any]) -> list[Flowable]:
    s: list[Flowable] = []
    s.append(_p(ctx["title"], "h1"))
    meta = [f"Athlete: {ctx['athlete']}"] if ctx["athlete"] else []
    if ctx["assessed_on"]:
        meta.append(f"Assessed {ctx['assessed_on']}")
    meta += [f"Generated {ctx['generated']}", f"Knowledge base {ctx['kb_version']}"]
    s.append(_p(" · ".join(meta), "small"))

    s.append(_p("Assessment", "h2"))
    s.append(_level_box(ctx))
    s.append(Spacer(1, 4))
    s.append(_bullets(ctx["triage"]["reasons"]))
    s.append(_p(f"Pain type: {ctx['pain_type']}."))
    s.append(_p("What was reported", "h3"))
    s.append(
        _table(
            ["Question", "Answer"], [[r["question"], r["answer"]] for r in ctx["case"]], [110, 64]
        )
    )
    s.append(_p("Likely conditions", "h3"))
    s.append(
        _table(
            ["Condition", "Score", "For", "Against"],
            [[c["name"], c["score"], c["supporting"], c["against"]] for c in ctx["conditions"]],
            [52, 14, 62, 46],
        )
    )
    if ctx["factors"]:
        s.append(_p("Contributing factors", "h3"))
        s.append(
            _bullets(
                [_bold(f["label"], f"({f['findings']}): {f['advice']}") for f in ctx["factors"]]
            )
        )

    s.append(_p("Red flags", "h2"))
    if ctx["red_flags"]:
        rows = [[f["label"], f["level"], f["findings"]] for f in ctx["red_flags"]]
        s.append(_table(["Red flag found", "Level", "Findings"], rows, [70, 30, 74]))
    else:
        s.append(_p("No red flag found."))
    s.append(_bold("Screened and ruled out:", "; ".join(ctx["ruled_out"]) or "none"))
    s.append(_bold("Not asked (cannot be ruled out):", "; ".join(ctx["not_asked"]) or "none"))

    s.append(_p("Instrument scores over time", "h2"))
    if ctx["instruments"]:
        for inst in ctx["instruments"]:
            rows = [[r["date"], r["total"], r["band"], r["detail"]] for r in inst["rows"]]
            s.append(
                KeepTogether(
                    [
                        _p(inst["name"], "h3"),
                        _table(["Date", "Total", "Band", "Detail"], rows, [30, 24, 50, 70]),
                        _bold(
                            "Trend:", f"{inst['trend']['verdict']}: {inst['trend']['explanation']}."
                        ),
                    ]
                )
            )
        for note in ctx["instrument_notes"]:
            s.append(Spacer(1, 3))
            s.append(_p(note, "small"))
    else:
        s.append(_p("No instrument scores entered (see backstride measure)."))

    s.append(_p("Training load against pain", "h2"))
    load = ctx["load"]
    if load["chart_png"]:
        image = Image(BytesIO(load["chart_png"]), width=174 * mm, height=174 * mm * 5.2 / 10)
        s.append(image)
    if load["rows"]:
        rows = [
            [w["week"], w["km"], w["runs"], w["pain_max"], w["pain_mean"], w["flags"]]
            for w in load["rows"]
        ]
        s.append(
            _table(
                ["Week starting", "km", "Runs", "Worst pain", "Mean pain", "Flags"],
                rows,
                [26, 16, 12, 18, 18, 84],
            )
        )
    else:
        s.append(_p("No training history imported."))

    s.append(_p("Plan", "h2"))
    s.append(_p("Advice", "h3"))
    s.append(_bullets([_bold(r["text"], r["why"], "body") for r in ctx["recommendations"]]))
    if ctx["avoid"]:
        s.append(_p("Avoid", "h3"))
        s.append(_bullets([_bold(a["text"], a["why"]) for a in ctx["avoid"]]))
    run = ctx["running"]
    alt = f" Alternatives: {run['alternatives']}." if run["alternatives"] else ""
    s.append(_bold("Running:", f"{run['advice']}. {run['text']}{alt}"))
    fu = ctx["follow_up"]
    s.append(
        _bold("Reassess:", f"in {fu['days']} day(s); sooner if: {'; '.join(fu['escalate_if'])}.")
    )
    plan = ctx["plan"]
    if plan:
        s.append(_p("Exercise programme", "h3"))
        s.append(_p(plan["explanation"]))
        if plan["weeks"]:
            rows = [
                [w["number"], w["phase"], w["focus"], w["sessions"], "; ".join(w["exercises"])]
                for w in plan["weeks"]
            ]
            s.append(
                _table(
                    ["Week", "Phase", "Focus", "Sessions", "Exercises"], rows, [12, 22, 40, 16, 84]
                )
            )
        for note in plan["notes"]:
            s.append(_p(note, "small"))
        if plan["rule"]:
            s.append(_p(plan["rule"], "small"))

    s.append(_p("Sources", "h2"))
    items = []
    for src in ctx["sources"]:
        text = (
            src["short"]
            + (f": {src['title']}" if src["title"] else "")
            + (f" {src['link']}" if src["link"] else "")
        )
        items.append(_p(text, "small"))
    s.append(
        ListFlowable(items, bulletType="1", bulletFontName=FONT, bulletFontSize=7.5, leftIndent=14)
    )
    s.append(Spacer(1, 8))
    s.append(_p(ctx["disclaimer"], "small"))
    return s


def _footer(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.setFillColor(colors.HexColor("#777777"))
    canvas.drawString(
        18 * mm, 10 * mm, "backstride clinician report: general information, not a diagnosis"
    )
    canvas.drawRightString(192 * mm, 10 * mm, f"page {doc.page}")
    canvas.restoreState()


def render_pdf(context: dict[str, Any]) -> bytes:
    _fonts()
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=context["title"],
        author="backstride",
        invariant=True,
    )
    doc.build(_story(context), onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()
