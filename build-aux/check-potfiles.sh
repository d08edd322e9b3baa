#!/usr/bin/env bash
# Check that po/POTFILES.in lists exactly the files with translatable
# strings (model: Nautilus build-aux/check-potfiles.sh).
#
#   build-aux/check-potfiles.sh           check; exit 1 naming every problem
#   build-aux/check-potfiles.sh --update  rewrite po/POTFILES.in
#
# Files come from git: tracked files plus untracked files that are not
# ignored, so work not yet committed is checked too. A file with strings is:
#   - a C source or header under src/ from which xgettext extracts a
#     string with the keywords of the glib preset (_ N_ C_ NC_ ngettext
#     g_dngettext ...; with or without a space before the parenthesis);
#   - a .ui file with translatable="yes";
#   - a desktop entry, AppStream metainfo, MIME type (.in) or GSettings
#     schema at the top of data/.
# Paths listed in po/POTFILES.skip (if it exists) are left out.
# Exit status: 0 all good, 1 POTFILES.in is out of date, 77 (skip) without
# git or outside a git work tree.

set -u
export LC_ALL=C

cd "$(dirname "$0")/.." || exit 1

potfiles=po/POTFILES.in
skipfile=po/POTFILES.skip

update=no
case "${1:-}" in
  "") ;;
  --update) update=yes ;;
  *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

if ! command -v git >/dev/null 2>&1; then
  echo "check-potfiles: git not found, skipping" >&2
  exit 77
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-potfiles: not a git work tree, skipping" >&2
  exit 77
fi
if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $potfiles is missing" >&2
  exit 1
fi

# Every candidate file that exists in the work tree.
list_files () {
  git ls-files -z --cached --others --exclude-standard -- "$@" |
    while IFS= read -r -d '' f; do
      [ -f "$f" ] && printf '%s\n' "$f"
    done
}

# A C file matching the keywords is confirmed with xgettext (same keywords
# as i18n.gettext's glib preset), so a keyword in a comment does not count.
has_c_strings () {
  command -v xgettext >/dev/null 2>&1 || return 0
  xgettext --language=C --from-code=UTF-8 --omit-header --output=- \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
    --keyword=g_dpgettext2:2c,3 "$1" 2>/dev/null | grep -q '^msgid '
}

c_keywords='(^|[^A-Za-z0-9_])(N|C|NC|Q)?_ ?\(|(^|[^A-Za-z0-9_])(g_d|d|dc|g_dc|g_dp)?n?(p|c)?gettext2? ?\('

expected=$(
  {
    list_files 'src/*.c' 'src/*.h' |
      while IFS= read -r f; do
        grep -Eq "$c_keywords" "$f" && has_c_strings "$f" && printf '%s\n' "$f"
      done
    list_files '*.ui' |
      while IFS= read -r f; do
        case "$f" in tests/*) continue ;; esac
        grep -q 'translatable="yes"' "$f" && printf '%s\n' "$f"
      done
    list_files 'data/*.desktop.in' 'data/*.metainfo.xml.in' \
               'data/*.gschema.xml' 'data/*.xml.in' |
      grep -E '^data/[^/]+$'
  } | sort -u |
  if [ -f "$skipfile" ]; then
    grep -vxF -f <(grep -Ev '^[[:space:]]*(#|$)' "$skipfile") || true
  else
    cat
  fi
)

listed=$(grep -Ev '^[[:space:]]*(#|$)' "$potfiles" | sed 's/[[:space:]]*$//')

if [ "$update" = yes ]; then
  {
    grep -E '^#' "$potfiles"
    [ -n "$expected" ] && printf '%s\n' "$expected"
  } > "$potfiles.tmp" && mv "$potfiles.tmp" "$potfiles"
  echo "check-potfiles: wrote $potfiles ($(printf '%s\n' "$expected" | grep -c .) files)"
  exit 0
fi

missing=$(comm -23 <(printf '%s\n' "$expected" | grep .) \
                   <(printf '%s\n' "$listed" | grep . | sort -u))
absent=$(printf '%s\n' "$listed" | grep . | while IFS= read -r f; do
           [ -f "$f" ] || printf '%s\n' "$f"
         done)
dups=$(printf '%s\n' "$listed" | grep . | sort | uniq -d)
unsorted=no
if [ "$(printf '%s\n' "$listed" | grep .)" != \
     "$(printf '%s\n' "$listed" | grep . | sort -u)" ]; then
  unsorted=yes
fi
# Listed files that exist but no longer hold strings: harmless for
# xgettext, so only reported.
stale=$(comm -13 <(printf '%s\n' "$expected" | grep .) \
                 <(printf '%s\n' "$listed" | grep . | sort -u) |
        while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done)

status=0
if [ -n "$missing" ]; then
  status=1
  echo "These files have translatable strings but are missing from $potfiles."
  echo "Add these lines (keep the file sorted):"
  echo
  printf '%s\n' "$missing"
  echo
fi
if [ -n "$absent" ]; then
  status=1
  echo "These lines of $potfiles name files that do not exist; remove them:"
  echo
  printf '%s\n' "$absent"
  echo
fi
if [ -n "$dups" ]; then
  status=1
  echo "These files are listed more than once in $potfiles:"
  echo
  printf '%s\n' "$dups"
  echo
fi
if [ "$unsorted" = yes ] && [ -z "$dups" ]; then
  status=1
  echo "$potfiles is not sorted (LC_ALL=C sort order)."
  echo
fi
if [ -n "$stale" ]; then
  echo "Note: these listed files have no translatable strings (harmless):"
  echo
  printf '%s\n' "$stale"
  echo
fi
if [ $status -ne 0 ]; then
  echo "To rewrite $potfiles from the tree: build-aux/check-potfiles.sh --update"
else
  echo "$potfiles is up to date ($(printf '%s\n' "$listed" | grep -c .) files)."
fi
exit $status
