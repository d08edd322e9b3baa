# build-aux/deps.sh: sourced by run, test and bench. Installs the Debian 12
# packages Undercurrent needs to build, run and test, when missing.

UC_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext git
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libarchive-dev libigraph-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream shared-mime-info
  fonts-cantarell adwaita-icon-theme hicolor-icon-theme librsvg2-common
)
UC_TEST_PACKAGES=(
  xvfb xauth dbus dbus-daemon poppler-utils sqlite3 python3
  clang libclang-rt-14-dev
)

uc_install_missing () {
  local missing=() pkg sudo=""
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "build-aux: not a Debian system; install the equivalents of: $*" >&2
    return 0
  fi
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "build-aux: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# meson setup, or reconfigure an existing build dir. $1 = dir, rest = options.
uc_setup () {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}
