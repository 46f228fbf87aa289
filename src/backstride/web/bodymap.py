"""Geometry of the SVG body map: where each region of `interview.BODY_MAP` is drawn.

Paired regions get a left and a right shape; midline regions get three strips (left, middle,
right), so a tap on the middle of the lower back means `central` and taps on both sides mean
`both`. The back view shows the runner's left on the viewer's left; the front view mirrors it.
Every shape carries a text label for screen readers and a visible legend names the sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from backstride.interview import BODY_MAP, SIDE_LABELS, BodyRegion

Box = tuple[float, float, float, float]  # x, y, width, height

# Back view (runner's left on the viewer's left). Midline regions: one box, cut into strips.
_BACK_MIDLINE: dict[str, Box] = {
    "neck": (84, 52, 32, 18),
    "upper_back": (56, 72, 88, 30),
    "between_shoulder_blades": (62, 104, 76, 36),
    "lower_back": (70, 142, 60, 42),
}
# Paired regions: (left box, right box) in the view's own coordinates.
_BACK_PAIRED: dict[str, tuple[Box, Box]] = {
    "flank": ((54, 134, 15, 44), (131, 134, 15, 44)),
    "hip": ((44, 182, 20, 34), (136, 182, 20, 34)),
    "buttock": ((66, 186, 33, 38), (101, 186, 33, 38)),
    "thigh_back": ((66, 228, 31, 78), (103, 228, 31, 78)),
    "below_knee": ((68, 316, 27, 70), (105, 316, 27, 70)),
    "foot": ((62, 392, 33, 22), (105, 392, 33, 22)),
}
_FRONT_MIDLINE: dict[str, Box] = {
    "chest": (58, 72, 84, 56),
    "abdomen": (64, 130, 72, 52),
}
# Front view: the runner's left is on the viewer's right.
_FRONT_PAIRED: dict[str, tuple[Box, Box]] = {
    "groin": ((102, 186, 26, 26), (72, 186, 26, 26)),
    "thigh_front": ((103, 216, 31, 90), (66, 216, 31, 90)),
}

# The figure behind the regions (head, arms, legs), drawn the same in both views.
SILHOUETTE: tuple[tuple[str, Box], ...] = (
    ("torso", (52, 66, 96, 122)),
    ("hips", (60, 180, 80, 46)),
    ("arm", (30, 72, 20, 140)),
    ("arm", (150, 72, 20, 140)),
    ("leg", (64, 222, 35, 170)),
    ("leg", (101, 222, 35, 170)),
    ("foot", (60, 390, 37, 26)),
    ("foot", (103, 390, 37, 26)),
)


@dataclass(frozen=True)
class Shape:
    region: str
    part: str  # left, right or central
    label: str
    x: float
    y: float
    width: float
    height: float

    @property
    def id(self) -> str:
        return f"bm-{self.region}-{self.part}"


@dataclass(frozen=True)
class View:
    name: str
    title: str
    left_label_x: float  # where the "runner's left" marker goes
    shapes: tuple[Shape, ...]


def _strips(area: BodyRegion, box: Box, mirrored: bool) -> list[Shape]:
    x, y, w, h = box
    side_w = w * 0.36
    mid_w = w - 2 * side_w
    first, last = ("right", "left") if mirrored else ("left", "right")
    return [
        Shape(area.region, first, _label(area, first), x, y, side_w, h),
        Shape(area.region, "central", _label(area, "central"), x + side_w, y, mid_w, h),
        Shape(area.region, last, _label(area, last), x + side_w + mid_w, y, side_w, h),
    ]


def _label(area: BodyRegion, part: str) -> str:
    return f"{area.label}, {SIDE_LABELS[part]}"


def _pair(area: BodyRegion, boxes: tuple[Box, Box]) -> list[Shape]:
    (lx, ly, lw, lh), (rx, ry, rw, rh) = boxes
    return [
        Shape(area.region, "left", _label(area, "left"), lx, ly, lw, lh),
        Shape(area.region, "right", _label(area, "right"), rx, ry, rw, rh),
    ]


@cache
def views() -> tuple[View, ...]:
    back: list[Shape] = []
    front: list[Shape] = []
    for area in BODY_MAP:
        if area.view == "back":
            if area.region in _BACK_MIDLINE:
                back += _strips(area, _BACK_MIDLINE[area.region], mirrored=False)
            else:
                back += _pair(area, _BACK_PAIRED[area.region])
        elif area.region in _FRONT_MIDLINE:
            front += _strips(area, _FRONT_MIDLINE[area.region], mirrored=True)
        else:
            front += _pair(area, _FRONT_PAIRED[area.region])
    return (
        View("back", "Back", 14, tuple(back)),
        View("front", "Front", 186, tuple(front)),
    )


def missing_geometry() -> list[str]:
    """Regions of the interview's body map with no shape (used by the tests)."""
    drawn = {s.region for v in views() for s in v.shapes}
    return [a.region for a in BODY_MAP if a.region not in drawn]
