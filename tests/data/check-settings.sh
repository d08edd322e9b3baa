#!/usr/bin/env bash
# Check the schema compiled into the build directory (GSETTINGS_SCHEMA_DIR,
# set by tests/meson.build) against the contract: exactly these keys, with
# these defaults. The UI tests rely on this compiled schema.
set -eu
export LC_ALL=C

schema=io.github.undercurrent.Undercurrent

if ! command -v gsettings >/dev/null 2>&1; then
  echo "gsettings not found (libglib2.0-bin), skipping"
  exit 77
fi
if [ ! -f "${GSETTINGS_SCHEMA_DIR:-}/gschemas.compiled" ]; then
  echo "no gschemas.compiled in GSETTINGS_SCHEMA_DIR='${GSETTINGS_SCHEMA_DIR:-}'"
  exit 1
fi

expected="$schema ed-weights (0.5, 0.5)
$schema min-group-enabled true
$schema min-group-size uint32 3
$schema pseudonymise false
$schema recent-workspaces @as []
$schema signal-bounds @a{s(dd)} {}
$schema window-height 720
$schema window-maximized false
$schema window-width 1100
$schema working-hours-end 19
$schema working-hours-start 8"

actual=$(GSETTINGS_BACKEND=memory gsettings list-recursively "$schema" | sort)

if [ "$actual" != "$expected" ]; then
  echo "the compiled schema does not match the contract"
  diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") || true
  exit 1
fi
echo "schema $schema: ok"
