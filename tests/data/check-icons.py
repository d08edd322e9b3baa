#!/usr/bin/env python3
"""Check the application icons: well-formed SVG, the hicolor sizes (a
128×128 full-colour icon and a 16×16 symbolic one), and a symbolic icon
GTK can recolour: only filled paths in #2e3436, no strokes, no raster
images. (GTK recolours symbolic icons by forcing `fill` on paths, so a
stroked path would be drawn as a blob.)"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def view_box(root):
    return [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]


def check_scalable(path, problems):
    root = ET.parse(path).getroot()
    if root.tag != SVG + "svg":
        problems.append(f"{path}: the root element is not <svg>")
        return
    if view_box(root) != [0, 0, 128, 128]:
        problems.append(f"{path}: the viewBox is not 0 0 128 128")
    if root.find(f".//{SVG}image") is not None:
        problems.append(f"{path}: embeds a raster image")


def check_symbolic(path, problems):
    root = ET.parse(path).getroot()
    if root.tag != SVG + "svg":
        problems.append(f"{path}: the root element is not <svg>")
        return
    if view_box(root) != [0, 0, 16, 16]:
        problems.append(f"{path}: the viewBox is not 0 0 16 16")
    shapes = 0
    for el in root.iter():
        tag = el.tag.replace(SVG, "")
        if tag in ("image", "text", "linearGradient", "radialGradient"):
            problems.append(f"{path}: a symbolic icon has no <{tag}>")
        if tag in ("path", "rect", "circle", "ellipse", "polygon"):
            shapes += 1
            style = el.get("style", "")
            fill = el.get("fill") or (re.search(r"fill:\s*([^;]+)", style) or [None, None])[1]
            stroke = el.get("stroke") or (re.search(r"stroke:\s*([^;]+)", style) or [None, None])[1]
            if (fill or "").strip().lower() != "#2e3436":
                problems.append(f"{path}: a <{tag}> is not filled with #2e3436")
            if stroke and stroke.strip().lower() != "none":
                problems.append(f"{path}: a <{tag}> is stroked")
    if shapes == 0:
        problems.append(f"{path}: draws nothing")


def main(argv):
    if len(argv) != 3:
        print("usage: check-icons.py SCALABLE.svg SYMBOLIC.svg", file=sys.stderr)
        return 2
    problems = []
    try:
        check_scalable(argv[1], problems)
        check_symbolic(argv[2], problems)
    except (OSError, ET.ParseError) as e:
        problems.append(str(e))
    for p in problems:
        print(p)
    if not problems:
        print("icons: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
