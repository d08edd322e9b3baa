#!/usr/bin/env bash
# Build a MIME database from the merged MIME type alone and check that
# *.undercurrent maps to application/x-undercurrent-workspace, a sub-class
# of application/vnd.sqlite3 (a type shared-mime-info defines).
#   check-mime.sh MERGED-MIME-XML
set -eu
export LC_ALL=C

xml=$1
type=application/x-undercurrent-workspace

if ! command -v update-mime-database >/dev/null 2>&1; then
  echo "update-mime-database not found (shared-mime-info), skipping"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$xml" "$tmp/mime/packages/"

# update-mime-database reports malformed files on stderr but may still exit
# 0: treat any output on stderr as a failure.
# (It also warns about a directory outside the search path: put it there.)
if ! XDG_DATA_DIRS="$tmp" XDG_DATA_HOME="$tmp" \
     update-mime-database "$tmp/mime" 2> "$tmp/errors" || [ -s "$tmp/errors" ]; then
  echo "update-mime-database rejected $xml:"
  cat "$tmp/errors"
  exit 1
fi

fail=0
if ! grep -qxF "50:$type:*.undercurrent" "$tmp/mime/globs2"; then
  echo "globs2 has no '*.undercurrent' glob for $type:"
  cat "$tmp/mime/globs2"
  fail=1
fi
if ! grep -qxF "$type application/vnd.sqlite3" "$tmp/mime/subclasses"; then
  echo "$type is not a sub-class of application/vnd.sqlite3:"
  cat "$tmp/mime/subclasses"
  fail=1
fi
if ! grep -qxF "$type:io.github.undercurrent.Undercurrent" "$tmp/mime/icons"; then
  echo "$type does not use the application icon"
  fail=1
fi
if [ ! -f "$tmp/mime/application/x-undercurrent-workspace.xml" ] ||
   ! grep -q '<comment>Undercurrent workspace</comment>' \
        "$tmp/mime/application/x-undercurrent-workspace.xml"; then
  echo "$type has no comment"
  fail=1
fi
system=/usr/share/mime/packages/freedesktop.org.xml
if [ -f "$system" ] && ! grep -q 'type="application/vnd.sqlite3"' "$system"; then
  echo "the system MIME database does not define application/vnd.sqlite3"
  fail=1
fi
[ $fail -eq 0 ] && echo "MIME type $type: ok"
exit $fail
