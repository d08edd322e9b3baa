#!/usr/bin/env python3
"""Check the Flatpak manifest: well-formed JSON (as `python3 -m json.tool`
does) and the packaging contract of STYLE.md §12: a GNOME runtime, the
app's command, the sandbox permissions (and no network), igraph built from
a pinned tag with its vendored dependencies, and the app module last,
built with meson from this tree."""

import json
import sys

APP_ID = "io.github.undercurrent.Undercurrent"


def main(path):
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}")
        return 1

    check(manifest.get("id") == APP_ID, f"id is not {APP_ID}")
    check(manifest.get("runtime") == "org.gnome.Platform",
          "runtime is not org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    check(version.isdigit() and int(version) >= 47,
          f"runtime-version {version!r} is not a maintained GNOME runtime")
    check(manifest.get("command") == "undercurrent",
          "command is not undercurrent")

    args = manifest.get("finish-args", [])
    for needed in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11",
                   "--device=dri"):
        check(needed in args, f"finish-args lacks {needed}")
    check("--share=network" not in args,
          "finish-args grants the network: Undercurrent is offline")
    check(not any(a.startswith("--filesystem=") for a in args),
          "finish-args grants file system access: files come through portals")

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    check("igraph" in names, "no igraph module")
    check(bool(names) and names[-1] == "undercurrent",
          "the app module is not the last one")

    for m in modules:
        if not isinstance(m, dict):
            continue
        if m.get("name") == "igraph":
            opts = m.get("config-opts", [])
            check(m.get("buildsystem") in ("cmake", "cmake-ninja"),
                  "igraph is not built with cmake")
            check("-DBUILD_SHARED_LIBS=ON" in opts, "igraph is not shared")
            check("-DBUILD_TESTING=OFF" in opts, "igraph builds its tests")
            for dep in ("BLAS", "LAPACK", "ARPACK", "GLPK", "GMP"):
                check(f"-DIGRAPH_USE_INTERNAL_{dep}=ON" in opts,
                      f"igraph does not use its internal {dep}")
            for src in m.get("sources", []):
                pinned = (src.get("type") == "git" and
                          (src.get("tag") or src.get("commit"))) or \
                         (src.get("type") == "archive" and src.get("sha256"))
                check(bool(pinned), "an igraph source is not pinned")
        if m.get("name") == "undercurrent":
            check(m.get("buildsystem") == "meson",
                  "the app module is not built with meson")
            check({"type": "dir", "path": ".."} in m.get("sources", []),
                  "the app module is not built from this tree (dir ..)")

    for p in problems:
        print(f"{path}: {p}")
    if not problems:
        print(f"{path}: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check-flatpak.py MANIFEST", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
