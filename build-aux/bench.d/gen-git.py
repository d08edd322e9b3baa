#!/usr/bin/env python3
"""Write a git fast-import stream of a large synthetic history to stdout.

usage: gen-git.py N_COMMITS [N_AUTHORS] [N_FILES]

Deterministic: the same arguments give the same repository. The history
is shaped like a busy project: authors with skewed activity, files in a
few dozen directories, 1-6 files per commit, a rename now and then.
"""
import random
import sys

n_commits = int(sys.argv[1])
n_authors = int(sys.argv[2]) if len(sys.argv) > 2 else 300
n_files = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
rnd = random.Random(42)
out = sys.stdout.buffer
t0 = 1262304000  # 2010-01-01
step = max(1, (1795219200 - t0) // max(1, n_commits))
paths = [f"dir{i % 40}/sub{i % 7}/file{i}.c" for i in range(n_files)]
versions = [0] * n_files
weights = [1.0 / (i + 1) for i in range(n_authors)]

def data(b):
    out.write(b"data %d\n" % len(b))
    out.write(b)
    out.write(b"\n")

for c in range(n_commits):
    a = rnd.choices(range(n_authors), weights)[0]
    name = f"Author {a} | the {a % 9}th".encode()
    when = t0 + c * step
    tz = b"+0100" if a % 3 else b"-0500"
    out.write(b"commit refs/heads/main\n")
    out.write(b"author %s <a%d@example.com> %d %s\n" % (name, a, when, tz))
    out.write(b"committer %s <a%d@example.com> %d %s\n" % (name, a, when, tz))
    data(b"Change %d for PRJ-%d\n" % (c, c // 5))
    for _ in range(rnd.randint(1, 6)):
        f = rnd.randrange(n_files)
        versions[f] += 1
        body = b"".join(b"line %d v%d\n" % (k, versions[f] if k % 4 == 0 else 0)
                        for k in range(12))
        out.write(b"M 100644 inline %s\n" % paths[f].encode())
        data(body)
    if c % 997 == 996:
        f = rnd.randrange(n_files)
        if versions[f] == 0:   # never written: nothing to rename
            continue
        new = paths[f].replace(".c", f"_r{c}.c")
        out.write(b"R %s %s\n" % (paths[f].encode(), new.encode()))
        paths[f] = new
out.write(b"done\n")
