#!/usr/bin/env bash
# pgvector is not packaged for Debian 12: build Debian 13's source package against
# the running server's headers. Idempotent; ~30 s the first time on this machine.
set -euo pipefail
apt_q() { DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Use-Pty=0 "$@"; }
sharedir=$(pg_config --sharedir 2>/dev/null || true)
if [ -n "$sharedir" ] && [ -f "$sharedir/extension/vector.control" ]; then
  echo "pgvector: already installed in $sharedir"
  exit 0
fi
apt_q update -qq
apt_q install -y -qq postgresql-server-dev-15 build-essential >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo 'deb-src http://deb.debian.org/debian trixie main' > "$work/sources.list"
opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache")
apt-get "${opts[@]}" update -qq
(cd "$work" && apt-get "${opts[@]}" source --download-only pgvector >/dev/null)
tar -xzf "$work"/pgvector_*.orig.tar.gz -C "$work"
make -s -C "$work"/pgvector-* -j2 PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config >/dev/null
make -s -C "$work"/pgvector-* install PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config >/dev/null
echo "pgvector: built and installed"
